import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyTransformOf, parseBodyPath } from '../import/body-policy-templates.js';
import type { BodyTransform } from '../model/imported-connector.js';
import { applyBodyTransform } from './body-transforms.js';

/** A template as apiProperties writes it (parameter names without the `x-ms-apimTemplateParameter.` prefix). */
function template(id: string, parameters: Record<string, unknown>): BodyTransform {
  const transform = bodyTransformOf(id, (name) => parameters[name]);
  assert.ok(transform, `${id} should be readable`);
  return transform;
}

function run(body: unknown, transform: BodyTransform): unknown {
  return applyBodyTransform(structuredClone(body), transform);
}

describe('parseBodyPath', () => {
  it('reads body, item, bare and bracketed paths', () => {
    assert.deepEqual(parseBodyPath('@body().orders.lines'), { root: 'body', segments: ['orders', 'lines'] });
    assert.deepEqual(parseBodyPath('body()'), { root: 'body', segments: [] });
    assert.deepEqual(parseBodyPath("@item()['@odata.type']"), { root: 'item', segments: ['@odata.type'] });
    assert.deepEqual(parseBodyPath('owner.name'), { root: 'relative', segments: ['owner', 'name'] });
    assert.deepEqual(parseBodyPath('bodyText'), { root: 'relative', segments: ['bodyText'] });
    assert.deepEqual(parseBodyPath('null'), { root: 'relative', segments: [] });
    assert.equal(parseBodyPath('@body().a[0'), undefined);
  });
});

describe('body policy templates', () => {
  it('setproperty sets a constant on an object and on every element of a collection', () => {
    const onObject = template('setproperty', {
      newPropertyParentPathTemplate: '@body()',
      newPropertySubPathTemplate: 'kind',
      propertyValuePathTemplate: 'note',
    });
    assert.deepEqual(run({ text: 'hi' }, onObject), { text: 'hi', kind: 'note' });
    const onEach = template('setproperty', {
      newPropertyParentPathTemplate: '@body().lines',
      newPropertySubPathTemplate: "['@odata.type']",
      propertyValuePathTemplate: 'line',
    });
    assert.deepEqual(run({ lines: [{ n: 1 }, { n: 2 }] }, onEach), {
      lines: [
        { n: 1, '@odata.type': 'line' },
        { n: 2, '@odata.type': 'line' },
      ],
    });
  });

  it('setproperty combines values of the body in its template', () => {
    const combine = template('setproperty', {
      newPropertyParentPathTemplate: '@body()',
      newPropertySubPathTemplate: 'label',
      propertyValuePathTemplate: '{@body().city}, {@body().country}',
    });
    assert.deepEqual(run({ city: 'Oslo', country: 'NO' }, combine), {
      city: 'Oslo',
      country: 'NO',
      label: 'Oslo, NO',
    });
  });

  it('stringreplace replaces every occurrence in each element, and leaves non-strings alone', () => {
    const replace = template('stringreplace', {
      propertyParentPath: '@body().links',
      propertySubPath: 'href',
      sourceString: '.',
      replacementString: '%2E',
      newPropertyPath: '@item().href',
    });
    assert.deepEqual(run({ links: [{ href: 'a.b.c' }, { href: 7 }] }, replace), {
      links: [{ href: 'a%2Eb%2Ec' }, { href: 7 }],
    });
  });

  it('encodepropertyvalue URL-encodes the value', () => {
    const encode = template('encodepropertyvalue', {
      propertyParentPath: '@body().people',
      propertySubPath: 'mail',
      newPropertyPath: '@item().mail',
    });
    assert.deepEqual(run({ people: [{ mail: 'a b@x.org' }] }, encode), {
      people: [{ mail: 'a%20b%40x.org' }],
    });
  });

  it('convertobjecttoarray writes key/value pairs where newPropertyPath says, keeping the source', () => {
    const toArray = template('convertobjecttoarray', {
      propertyParentPath: '@body()',
      propertySubPath: 'stock',
      newPropertyPath: '@body().stockList',
      keyName: 'sku',
      valueName: 'info',
    });
    assert.deepEqual(run({ stock: { A1: { qty: 3 }, B2: { qty: 0 } } }, toArray), {
      stock: { A1: { qty: 3 }, B2: { qty: 0 } },
      stockList: [
        { sku: 'A1', info: { qty: 3 } },
        { sku: 'B2', info: { qty: 0 } },
      ],
    });
  });

  it('convertobjecttoarray with an empty sub path converts the parent itself', () => {
    const whole = template('convertobjecttoarray', {
      propertyParentPath: '@body()',
      propertySubPath: 'null',
      newPropertyPath: '@body().all',
      keyName: 'k',
      valueName: 'v',
    });
    assert.deepEqual(run({ x: 1 }, whole), { x: 1, all: [{ k: 'x', v: 1 }] });
  });

  it('convertarraytoobject keys elements by a property, dropping it unless retainKey', () => {
    const params = {
      propertyParentPath: '@body()',
      propertySubPath: 'members',
      keyWithinCollectionPath: 'id',
      newPropertyPath: '@body().members',
    };
    const body = {
      members: [
        { id: 'u1', role: 'a' },
        { id: 'u2', role: 'b' },
      ],
    };
    assert.deepEqual(run(body, template('convertarraytoobject', { ...params, retainKey: 'false' })), {
      members: { u1: { role: 'a' }, u2: { role: 'b' } },
    });
    assert.deepEqual(run(body, template('convertarraytoobject', params)), {
      members: { u1: { id: 'u1', role: 'a' }, u2: { id: 'u2', role: 'b' } },
    });
  });

  it('stringtoarray splits on each delimiter into objects with the child property', () => {
    const split = template('stringtoarray', {
      propertyParentPath: '@body()',
      propertySubPath: 'tags',
      delimiterList: ';,',
      childPropertyName: 'tag',
      newPropertyPath: '@body().tags',
    });
    assert.deepEqual(run({ tags: 'red; green,blue;' }, split), {
      tags: [{ tag: 'red' }, { tag: 'green' }, { tag: 'blue' }],
    });
  });

  it('a missing parent or value leaves the body as it is', () => {
    const replace = template('stringreplace', {
      propertyParentPath: '@body().absent',
      propertySubPath: 'x',
      sourceString: 'a',
      replacementString: 'b',
    });
    assert.deepEqual(run({ other: 'a' }, replace), { other: 'a' });
  });

  it('rejects templates missing what they need', () => {
    assert.equal(
      bodyTransformOf('stringreplace', (n) => ({ propertyParentPath: '@body()', propertySubPath: 'a' })[n]),
      undefined,
    );
    assert.equal(
      bodyTransformOf('convertarraytoobject', (n) => ({ propertyParentPath: '@body()' })[n]),
      undefined,
    );
    assert.equal(
      bodyTransformOf('setproperty', (n) => ({ newPropertyParentPathTemplate: '@body()' })[n]),
      undefined,
    );
  });
});
