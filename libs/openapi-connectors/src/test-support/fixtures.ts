/** Small definitions written for the unit specs: a Swagger 2.0 ticket service and an OpenAPI 3.0 file store. */

export function ticketsSwagger(): Record<string, unknown> {
  return {
    swagger: '2.0',
    info: { title: 'Ticket Desk', version: '1.2', description: 'Tickets for tests' },
    host: 'tickets.example.test',
    basePath: '/api',
    schemes: ['https'],
    consumes: ['application/json'],
    securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
    'x-ms-capabilities': { testConnection: { operationId: 'ListQueues' } },
    paths: {
      '/queues': {
        get: {
          operationId: 'ListQueues',
          summary: 'List queues',
          'x-ms-visibility': 'internal',
          responses: {
            '200': {
              description: 'ok',
              schema: {
                type: 'object',
                properties: {
                  value: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { id: { type: 'string' }, name: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      '/queues/{queue}/tickets': {
        parameters: [
          { name: 'queue', in: 'path', required: true, type: 'string', 'x-ms-url-encoding': 'double' },
        ],
        get: {
          operationId: 'ListTickets',
          summary: 'List tickets',
          parameters: [
            { name: 'top', in: 'query', type: 'integer', minimum: 1 },
            {
              name: 'tags',
              in: 'query',
              type: 'array',
              items: { type: 'string' },
              collectionFormat: 'multi',
            },
            {
              name: 'fields',
              in: 'query',
              type: 'array',
              items: { type: 'string' },
              collectionFormat: 'csv',
            },
            { name: 'X-Trace', in: 'header', type: 'string', 'x-ms-visibility': 'advanced' },
          ],
          responses: {
            '200': { description: 'ok', schema: { type: 'array', items: { $ref: '#/definitions/Ticket' } } },
          },
        },
        post: {
          operationId: 'CreateTicket',
          summary: 'Create a ticket',
          parameters: [
            {
              name: 'ticket',
              in: 'body',
              required: true,
              schema: { $ref: '#/definitions/NewTicket' },
            },
          ],
          responses: { '201': { description: 'created', schema: { $ref: '#/definitions/Ticket' } } },
        },
      },
      '/tickets/{id}/attachments': {
        post: {
          operationId: 'AttachFile',
          consumes: ['multipart/form-data'],
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'integer' },
            { name: 'file', in: 'formData', required: true, type: 'file' },
            { name: 'note', in: 'formData', type: 'string' },
          ],
          responses: { '204': { description: 'attached' } },
        },
      },
      '/tickets/{id}/content': {
        put: {
          operationId: 'UploadContent',
          consumes: ['application/octet-stream'],
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'integer' },
            { name: 'content', in: 'body', required: true, schema: { type: 'string', format: 'binary' } },
          ],
          responses: { '200': { description: 'ok', schema: { type: 'file' } } },
        },
      },
      '/tickets/{id}/close': {
        post: {
          operationId: 'CloseTicket',
          consumes: ['application/x-www-form-urlencoded'],
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'integer' },
            { name: 'reason', in: 'formData', required: true, type: 'string', enum: ['done', 'duplicate'] },
          ],
          responses: { '200': { description: 'closed', schema: { type: 'string' } } },
        },
      },
      '/trigger/tickets': {
        get: {
          operationId: 'OnNewTickets',
          'x-ms-trigger': 'batch',
          parameters: [
            {
              name: 'queue',
              in: 'query',
              required: true,
              type: 'string',
              'x-ms-dynamic-values': {
                operationId: 'ListQueues',
                'value-collection': 'value',
                'value-path': 'id',
                'value-title': 'name',
              },
            },
          ],
          responses: {
            '200': {
              description: 'new tickets',
              schema: {
                type: 'object',
                properties: { value: { type: 'array', items: { $ref: '#/definitions/Ticket' } } },
              },
            },
            '202': { description: 'nothing new' },
          },
        },
      },
      '/hooks': {
        post: {
          operationId: 'OnTicketEvent',
          'x-ms-trigger': 'single',
          parameters: [
            {
              name: 'subscription',
              in: 'body',
              required: true,
              schema: {
                type: 'object',
                required: ['callback'],
                properties: {
                  callback: { type: 'string', 'x-ms-notification-url': true, 'x-ms-visibility': 'internal' },
                  events: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          ],
          'x-ms-notification-content': { schema: { $ref: '#/definitions/Ticket' } },
          responses: { '201': { description: 'subscribed' } },
        },
      },
      '/broken': {
        get: {
          operationId: 'Broken',
          parameters: [{ name: 'sid', in: 'cookie', type: 'string' }],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    definitions: {
      NewTicket: {
        type: 'object',
        required: ['title'],
        properties: {
          title: { type: 'string', minLength: 1 },
          priority: { type: 'integer', 'x-nullable': true },
          parent: { $ref: '#/definitions/Ticket' },
        },
      },
      Ticket: {
        type: 'object',
        required: ['id', 'title'],
        properties: {
          id: { type: 'integer' },
          title: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/definitions/Ticket' } },
        },
      },
    },
  };
}

export function ticketsApiProperties(): Record<string, unknown> {
  return {
    properties: {
      connectionParameters: {
        api_key: {
          type: 'securestring',
          uiDefinition: { displayName: 'API key', constraints: { required: 'true' } },
        },
        region: {
          type: 'string',
          uiDefinition: {
            displayName: 'Region',
            constraints: {
              required: 'true',
              allowedValues: [
                { text: 'EU', value: 'eu' },
                { text: 'US', value: 'us' },
              ],
            },
          },
        },
      },
      iconBrandColor: '#123456',
      policyTemplateInstances: [
        {
          templateId: 'dynamichosturl',
          parameters: {
            'x-ms-apimTemplateParameter.urlTemplate':
              "https://@connectionParameters('region').tickets.example.test/api",
          },
        },
        {
          templateId: 'setheader',
          parameters: {
            'x-ms-apimTemplateParameter.name': 'X-Region',
            'x-ms-apimTemplateParameter.value': "@connectionParameters('region')",
            'x-ms-apimTemplateParameter.existsAction': 'override',
            'x-ms-apimTemplate-policySection': 'Request',
          },
        },
        {
          templateId: 'routerequesttoendpoint',
          parameters: {
            'x-ms-apimTemplateParameter.newPath': '/v2/queues/{queue}/items',
            'x-ms-apimTemplateParameter.httpMethod': '@Request.OriginalHTTPMethod',
            'x-ms-apimTemplate-operationName': ['ListTickets'],
          },
        },
        {
          templateId: 'pollingtrigger',
          parameters: {
            'x-ms-apimTemplateParameter.triggerDataPath': '@triggerBody().value',
            'x-ms-apimTemplate-operationName': ['OnNewTickets'],
          },
        },
        {
          templateId: 'stringreplace',
          parameters: { 'x-ms-apimTemplate-operationName': ['CreateTicket'] },
        },
      ],
    },
  };
}

export function filesOpenApi3(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'File Store', version: '2.0.1' },
    servers: [{ url: 'https://{region}.files.example.test/v1', variables: { region: { default: 'eu' } } }],
    components: {
      securitySchemes: {
        oauth: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://login.files.example.test/authorize',
              tokenUrl: 'https://login.files.example.test/token',
              scopes: { 'files.read': 'read', 'files.write': 'write' },
            },
          },
        },
      },
      schemas: {
        Item: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' }, size: { type: 'integer', nullable: true } },
        },
      },
    },
    paths: {
      '/items/{name}': {
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'getItem',
          parameters: [{ name: 'session', in: 'cookie', schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
            },
          },
        },
        put: {
          operationId: 'putItem',
          requestBody: {
            required: true,
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          },
          responses: {
            '201': {
              description: 'stored',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
            },
          },
        },
      },
      '/items': {
        post: {
          operationId: 'createItem',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
            },
          },
        },
      },
      '/uploads': {
        post: {
          operationId: 'upload',
          requestBody: {
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: { file: { type: 'string', format: 'binary' }, label: { type: 'string' } },
                },
              },
            },
          },
          responses: { '204': { description: 'uploaded' } },
        },
      },
      '/private': {
        get: {
          operationId: 'private',
          parameters: [{ name: 'token', in: 'cookie', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  };
}
