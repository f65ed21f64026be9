{{/*
Names, labels and per-service context shared by the templates. Every helper is prefixed "patchbay.".

Per-service templates range over "patchbay.services" and build a context dict for the helpers:
  {{- range $key, $traits := include "patchbay.services" . | fromYaml }}
  {{- $ctx := dict "root" $ "key" $key "name" $traits.name "svc" (index $.Values $key) "traits" $traits }}
root: the chart root ($), key: the values key (connectionStore), name: the service name (connection-store),
svc: the service's values, traits: what the service needs (see patchbay.services).
*/}}

{{- define "patchbay.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "patchbay.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "patchbay.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The four services, keyed by their values key, with the traits that decide their environment (keep in step with
the services' config schemas in services/<service>/src/config/ and helm/assert-rendered.py):
  database: gets DATABASE_URL (keeps state in Postgres); kafkaConsumer: gets KAFKA_CONSUMER_CONCURRENCY;
  webhookSigning: gets PATCHBAY_WEBHOOK_SIGNING_KEY; publicBaseUrl: gets PATCHBAY_PUBLIC_BASE_URL;
  runState: gets PATCHBAY_RUN_STATE_KEYS; connectionStoreClient: gets CONNECTION_STORE_GRPC_URL;
  vault: talks to Vault; grpc: serves gRPC. Settings only one service reads come from "patchbay.serviceEnv".
*/}}
{{- define "patchbay.services" -}}
triggerIngestion:
  name: trigger-ingestion
  database: true
  kafkaConsumer: true
  webhookSigning: true
  publicBaseUrl: true
  connectionStoreClient: true
orchestrator:
  name: orchestrator
  database: true
  kafkaConsumer: true
  webhookSigning: true
  publicBaseUrl: true
  runState: true
  connectionStoreClient: true
connectorRuntime:
  name: connector-runtime
  database: true
  kafkaConsumer: true
  connectionStoreClient: true
connectionStore:
  name: connection-store
  database: true
  vault: true
  grpc: true
{{- end -}}

{{/*
Every workload the chart renders, as the per-service contexts described at the top: the four services, then one
connector-runtime per connectorRuntime.environments entry. An environment's context: key connectorRuntime, name
connector-runtime-<environment> (its objects' names and component label, so the default runtime's Service, PDB
and NetworkPolicy never select its pods), traits of connector-runtime plus `environment`, and as values those of
connectorRuntime with each key the entry gives replacing the default runtime's value as a whole. Not inherited:
egress (an environment's network is its own: empty lists unless given), ingressPaths (nothing routes to it), the
Service type (ClusterIP) and a created service account's name (each environment gets its own).
Templates cannot return objects, so the list is written to .out.list. Args: dict "root" $ "out" (dict)
*/}}
{{- define "patchbay.collectComponents" -}}
{{- $root := .root -}}
{{- $services := include "patchbay.services" $root | fromYaml -}}
{{- $list := list -}}
{{- range $key, $traits := $services -}}
{{- $list = append $list (dict "root" $root "key" $key "name" $traits.name "svc" (index $root.Values $key) "traits" $traits) -}}
{{- end -}}
{{- $base := omit $root.Values.connectorRuntime "environments" -}}
{{- range $root.Values.connectorRuntime.environments -}}
{{- $svc := deepCopy $base -}}
{{- $_ := set $svc "egress" (dict) -}}
{{- $_ := set $svc "ingressPaths" (list) -}}
{{- $_ := set $svc "service" (dict "type" "ClusterIP" "annotations" $base.service.annotations) -}}
{{- if $base.serviceAccount.create -}}
{{- $_ := set $svc.serviceAccount "name" "" -}}
{{- end -}}
{{- range $k, $v := omit . "name" -}}
{{- $_ := set $svc $k $v -}}
{{- end -}}
{{- /* An egress setting left out of the entry is empty, not the default runtime's. */}}
{{- $_ := set $svc "egress" (mergeOverwrite (dict "allow" (list) "deny" (list) "rules" (list)) ($svc.egress | default dict)) -}}
{{- $traits := merge (dict "environment" .name) $services.connectorRuntime -}}
{{- $list = append $list (dict "root" $root "key" "connectorRuntime" "name" (printf "connector-runtime-%s" .name) "svc" $svc "traits" $traits) -}}
{{- end -}}
{{- $_ := set .out "list" $list -}}
{{- end -}}

{{- define "patchbay.componentName" -}}
{{- printf "%s-%s" (include "patchbay.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "patchbay.labels" -}}
helm.sh/chart: {{ include "patchbay.chart" . }}
app.kubernetes.io/name: {{ include "patchbay.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: patchbay
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "patchbay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "patchbay.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "patchbay.componentLabels" -}}
{{ include "patchbay.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* metadata.annotations block with commonAnnotations merged with extra ones (dict). Args: list root extra */}}
{{- define "patchbay.annotations" -}}
{{- $root := index . 0 -}}
{{- $all := merge (dict) (index . 1) $root.Values.commonAnnotations -}}
{{- with $all -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end -}}
{{- end -}}

{{- define "patchbay.serviceAccountName" -}}
{{- if .svc.serviceAccount.create -}}
{{- default (include "patchbay.componentName" .) .svc.serviceAccount.name -}}
{{- else -}}
{{- default "default" .svc.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "patchbay.image" -}}
{{- $img := .root.Values.image -}}
{{- $repo := default (printf "%s/%s/%s" $img.registry $img.namespace .traits.name) .svc.image.repository -}}
{{- if .svc.image.digest -}}
{{- printf "%s@%s" $repo .svc.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (.svc.image.tag | default $img.tag | default .root.Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/* Name of the Secret the chart creates for values given inline. */}}
{{- define "patchbay.secretName" -}}
{{- include "patchbay.fullname" . -}}
{{- end -}}

{{/* PATCHBAY_PUBLIC_BASE_URL: explicit value, else the Ingress host, else trigger-ingestion's in-cluster URL. Arg: root */}}
{{- define "patchbay.publicBaseUrl" -}}
{{- $v := .Values -}}
{{- if $v.config.publicBaseUrl -}}
{{- $v.config.publicBaseUrl | trimSuffix "/" -}}
{{- else if $v.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" $v.ingress.tls.enabled) $v.ingress.host -}}
{{- else -}}
{{- $ti := dict "root" . "name" "trigger-ingestion" -}}
{{- printf "http://%s.%s.svc:%v" (include "patchbay.componentName" $ti) .Release.Namespace $v.triggerIngestion.httpPort -}}
{{- end -}}
{{- end -}}

{{/* PATCHBAY_OAUTH_REDIRECT_URL: explicit value, else the public base (config.publicBaseUrl or the Ingress host), else connection-store's in-cluster URL. Arg: root */}}
{{- define "patchbay.oauthRedirectUrl" -}}
{{- $v := .Values -}}
{{- if $v.connectionStore.oauthRedirectUrl -}}
{{- $v.connectionStore.oauthRedirectUrl -}}
{{- else if or $v.config.publicBaseUrl $v.ingress.enabled -}}
{{- printf "%s/api/oauth/callback" (include "patchbay.publicBaseUrl" .) -}}
{{- else -}}
{{- $cs := dict "root" . "name" "connection-store" -}}
{{- printf "http://%s.%s.svc:%v/api/oauth/callback" (include "patchbay.componentName" $cs) .Release.Namespace $v.connectionStore.httpPort -}}
{{- end -}}
{{- end -}}

{{/* Where the projected service account token for Vault's Kubernetes auth is mounted. */}}
{{- define "patchbay.vaultTokenDir" -}}/var/run/secrets/patchbay/vault{{- end -}}

{{/* Where kafka.caSecret is mounted; KAFKA_SSL_CA_FILE points into it. */}}
{{- define "patchbay.kafkaCaDir" -}}/etc/patchbay/kafka-ca{{- end -}}

{{/* "NAME: value" when the value is set (not null): optional settings left to the service's default otherwise. Args: list name value */}}
{{- define "patchbay.optionalEnv" -}}
{{- $value := index . 1 -}}
{{- if not (kindIs "invalid" $value) }}
{{/* YAML numbers arrive as float64, which would print 604800000 as 6.048e+08. */ -}}
{{ index . 0 }}: {{ ternary ($value | int64 | toString) ($value | toString) (kindIs "float64" $value) | quote }}
{{- end }}
{{- end -}}

{{/* Settings only one service reads, from its own values (see values.yaml). Arg: the service context */}}
{{- define "patchbay.serviceEnv" -}}
{{- $svc := .svc -}}
{{- if eq .name "trigger-ingestion" }}
PATCHBAY_TRUSTED_PROXIES: {{ join "," $svc.trustedProxies | quote }}
{{- /* One platform egress policy: Kafka trigger brokers pass the rules connectors pass. */}}
{{- $egress := .root.Values.connectorRuntime.egress }}
PATCHBAY_EGRESS_ALLOW: {{ join "," $egress.allow | quote }}
PATCHBAY_EGRESS_DENY: {{ join "," $egress.deny | quote }}
PATCHBAY_EGRESS_RULES: {{ toJson $egress.rules | quote }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_RESPONSE_TIMEOUT_MS" $svc.responseTimeoutMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_WEBHOOK_BODY_LIMIT_BYTES" $svc.webhookBodyLimitBytes) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_SCHEDULE_BATCH_SIZE" $svc.schedule.batchSize) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_SCHEDULE_TICK_MS" $svc.schedule.tickMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_RECURRENCE_CATCHUP_MS" $svc.schedule.recurrenceCatchupMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_POLL_TIMEOUT_MS" $svc.polling.timeoutMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_POLL_BACKOFF_MS" $svc.polling.backoffMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_POLL_BACKOFF_MAX_MS" $svc.polling.backoffMaxMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_POLL_DEDUP_RETENTION_MS" $svc.polling.dedupRetentionMs) }}
{{- else if eq .name "orchestrator" }}
PATCHBAY_PUBLISH_ACTION_EVENTS: {{ $svc.publishActionEvents | toString | quote }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_POLL_INTERVAL_MS" $svc.pollIntervalMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_RUN_MAX_DURATION" $svc.runMaxDuration) }}
{{- else if eq .traits.name "connector-runtime" }}
{{- with .traits.environment }}
PATCHBAY_EXECUTION_ENVIRONMENT: {{ . | quote }}
{{- end }}
PATCHBAY_EGRESS_ALLOW: {{ join "," $svc.egress.allow | quote }}
PATCHBAY_EGRESS_DENY: {{ join "," $svc.egress.deny | quote }}
PATCHBAY_EGRESS_RULES: {{ toJson $svc.egress.rules | quote }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_HTTP_ACTION_TIMEOUT_MS" $svc.httpActionTimeoutMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_CONNECTOR_TIMEOUT_MS" $svc.connectorTimeoutMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_CONNECTOR_CATALOG_POLL_MS" $svc.catalogPollMs) }}
{{- include "patchbay.optionalEnv" (list "PATCHBAY_CONNECTION_BUDGET_MAX_WAIT_MS" $svc.connectionBudgetMaxWaitMs) }}
{{- else if eq .name "connection-store" }}
PATCHBAY_OAUTH_REDIRECT_URL: {{ include "patchbay.oauthRedirectUrl" .root | quote }}
{{- /* The catalogue that decides which parameters a connection takes, and runs connection tests. */}}
PATCHBAY_CONNECTOR_CATALOG_URL: {{ printf "http://%s-connector-runtime:%v" (include "patchbay.fullname" .root) .root.Values.connectorRuntime.httpPort | quote }}
VAULT_DATABASE_MOUNT: {{ .root.Values.vault.databaseMount | quote }}
{{- end }}
{{- end -}}

{{/* Non-secret environment of one service (the data of its ConfigMap). */}}
{{- define "patchbay.configEnv" -}}
{{- $v := .root.Values -}}
PATCHBAY_HTTP_PORT: {{ .svc.httpPort | quote }}
LOG_LEVEL: {{ .svc.logLevel | default $v.config.logLevel | quote }}
KAFKA_BROKERS: {{ join "," $v.kafka.brokers | quote }}
KAFKA_SSL: {{ $v.kafka.ssl | toString | quote }}
{{- if $v.kafka.caSecret }}
KAFKA_SSL_CA_FILE: {{ printf "%s/%s" (include "patchbay.kafkaCaDir" .) $v.kafka.caSecretKey | quote }}
{{- end }}
{{- include "patchbay.optionalEnv" (list "KAFKA_TOPIC_PARTITIONS" $v.kafka.topicPartitions) }}
{{- if .traits.kafkaConsumer }}
{{- include "patchbay.optionalEnv" (list "KAFKA_CONSUMER_CONCURRENCY" $v.kafka.consumerConcurrency) }}
{{- end }}
{{- if $v.kafka.sasl.enabled }}
KAFKA_SASL_MECHANISM: {{ $v.kafka.sasl.mechanism | quote }}
KAFKA_SASL_USERNAME: {{ $v.kafka.sasl.username | quote }}
{{- end }}
{{- if .traits.grpc }}
PATCHBAY_GRPC_PORT: {{ .svc.grpcPort | quote }}
{{- end }}
{{- if .traits.publicBaseUrl }}
PATCHBAY_PUBLIC_BASE_URL: {{ include "patchbay.publicBaseUrl" .root | quote }}
{{- end }}
{{- if .traits.connectionStoreClient }}
CONNECTION_STORE_GRPC_URL: {{ printf "%s-connection-store:%v" (include "patchbay.fullname" .root) $v.connectionStore.grpcPort | quote }}
{{- end }}
{{- if .traits.vault }}
VAULT_ADDR: {{ $v.vault.address | quote }}
VAULT_AUTH_METHOD: {{ $v.vault.authMethod | quote }}
{{- if eq $v.vault.authMethod "kubernetes" }}
VAULT_K8S_ROLE: {{ $v.vault.kubernetes.role | quote }}
VAULT_K8S_MOUNT: {{ $v.vault.kubernetes.mountPath | quote }}
VAULT_K8S_TOKEN_PATH: {{ printf "%s/token" (include "patchbay.vaultTokenDir" .) | quote }}
{{- end }}
{{- end }}
{{- include "patchbay.serviceEnv" . }}
{{- end -}}

{{/*
One env entry read from a Secret: the existing Secret and its configured key when one is named, else the
chart's Secret and its fixed key. Args: list root envName existingSecret existingSecretKey chartSecretKey
*/}}
{{- define "patchbay.secretEnv" -}}
{{- $existing := index . 2 -}}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ $existing | default (include "patchbay.secretName" (index . 0)) | quote }}
      key: {{ ternary (index . 3) (index . 4) (not (empty $existing)) | quote }}
{{- end -}}

{{/* Secret environment of one service: references only, values live in Secrets. */}}
{{- define "patchbay.secretEnvs" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- if .traits.database }}
{{ include "patchbay.secretEnv" (list $root "DATABASE_URL" $v.database.existingSecret $v.database.existingSecretKey "database-url") }}
{{- end }}
{{- if $v.kafka.sasl.enabled }}
{{ include "patchbay.secretEnv" (list $root "KAFKA_SASL_PASSWORD" $v.kafka.sasl.existingSecret $v.kafka.sasl.existingSecretPasswordKey "kafka-sasl-password") }}
{{- end }}
{{- if .traits.webhookSigning }}
{{ include "patchbay.secretEnv" (list $root "PATCHBAY_WEBHOOK_SIGNING_KEY" $v.webhookSigning.existingSecret $v.webhookSigning.existingSecretKey "webhook-signing-key") }}
{{- end }}
{{- if .traits.runState }}
{{ include "patchbay.secretEnv" (list $root "PATCHBAY_RUN_STATE_KEYS" $v.runState.existingSecret $v.runState.existingSecretKey "run-state-keys") }}
{{- end }}
{{- if and .traits.vault (eq $v.vault.authMethod "token") }}
{{ include "patchbay.secretEnv" (list $root "VAULT_TOKEN" $v.vault.token.existingSecret $v.vault.token.existingSecretKey "vault-token") }}
{{- end }}
{{- if and .traits.vault (eq $v.vault.authMethod "approle") }}
{{- $ar := $v.vault.approle }}
{{ include "patchbay.secretEnv" (list $root "VAULT_APPROLE_ROLE_ID" $ar.existingSecret $ar.roleIdKey "vault-approle-role-id") }}
{{ include "patchbay.secretEnv" (list $root "VAULT_APPROLE_SECRET_ID" $ar.existingSecret $ar.secretIdKey "vault-approle-secret-id") }}
{{- end }}
{{- end -}}

{{/*
Webhook signing key for the chart's Secret: the value given, else the one already stored (so upgrades keep it),
else a new random key. lookup returns nothing under `helm template`, so that path always generates.
*/}}
{{- define "patchbay.webhookSigningKey" -}}
{{- if .Values.webhookSigning.key -}}
{{- .Values.webhookSigning.key -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "patchbay.secretName" .) -}}
{{- $data := dig "data" (dict) ($existing | default (dict)) -}}
{{- if hasKey $data "webhook-signing-key" -}}
{{- index $data "webhook-signing-key" | b64dec -}}
{{- else -}}
{{- randAlphaNum 64 -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Run state keys for the chart's Secret: the keys given, else the ones already stored (upgrades must keep them:
runs sealed with a lost key cannot be opened), else a new key of 32 random bytes (base64).
*/}}
{{- define "patchbay.runStateKeys" -}}
{{- if .Values.runState.keys -}}
{{- .Values.runState.keys -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "patchbay.secretName" .) -}}
{{- $data := dig "data" (dict) ($existing | default (dict)) -}}
{{- if hasKey $data "run-state-keys" -}}
{{- index $data "run-state-keys" | b64dec -}}
{{- else -}}
{{- randBytes 32 -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Fails the render with a message naming the setting when values are inconsistent. */}}
{{- define "patchbay.validate" -}}
{{- $v := .Values -}}
{{- if and (empty $v.database.existingSecret) (empty $v.database.url) -}}
{{- fail "patchbay: set database.url or database.existingSecret (DATABASE_URL)" -}}
{{- end -}}
{{- if and $v.kafka.caSecret (not $v.kafka.ssl) -}}
{{- fail "patchbay: kafka.caSecret needs kafka.ssl=true (KAFKA_SSL_CA_FILE)" -}}
{{- end -}}
{{- if and $v.kafka.sasl.enabled (empty $v.kafka.sasl.username) -}}
{{- fail "patchbay: kafka.sasl.enabled needs kafka.sasl.username" -}}
{{- end -}}
{{- if and $v.kafka.sasl.enabled (empty $v.kafka.sasl.existingSecret) (empty $v.kafka.sasl.password) -}}
{{- fail "patchbay: kafka.sasl.enabled needs kafka.sasl.password or kafka.sasl.existingSecret" -}}
{{- end -}}
{{- if and (eq $v.vault.authMethod "token") (empty $v.vault.token.existingSecret) (empty $v.vault.token.value) -}}
{{- fail "patchbay: vault.authMethod=token needs vault.token.value or vault.token.existingSecret (VAULT_TOKEN)" -}}
{{- end -}}
{{- if and (eq $v.vault.authMethod "approle") (empty $v.vault.approle.existingSecret) (or (empty $v.vault.approle.roleId) (empty $v.vault.approle.secretId)) -}}
{{- fail "patchbay: vault.authMethod=approle needs vault.approle.roleId and vault.approle.secretId, or vault.approle.existingSecret" -}}
{{- end -}}
{{- $paths := dict -}}
{{- range $key, $traits := include "patchbay.services" . | fromYaml -}}
{{- $svc := index $v $key -}}
{{- if gt (int $svc.autoscaling.minReplicas) (int $svc.autoscaling.maxReplicas) -}}
{{- fail (printf "patchbay: %s.autoscaling.minReplicas is greater than maxReplicas" $key) -}}
{{- end -}}
{{- range $svc.ingressPaths -}}
{{- if hasKey $paths . -}}
{{- fail (printf "patchbay: ingress path %s is claimed by both %s and %s (ingressPaths)" . (get $paths .) $key) -}}
{{- end -}}
{{- $_ := set $paths . $key -}}
{{- end -}}
{{- end -}}
{{- $environments := dict -}}
{{- range $v.connectorRuntime.environments -}}
{{- if hasKey $environments .name -}}
{{- fail (printf "patchbay: connectorRuntime.environments names '%s' twice" .name) -}}
{{- end -}}
{{- $_ := set $environments .name true -}}
{{- $component := printf "%s-connector-runtime-%s" (include "patchbay.fullname" $) .name -}}
{{- if gt (len $component) 63 -}}
{{- fail (printf "patchbay: connectorRuntime.environments '%s': its object name %s is longer than 63 characters (shorten the environment name or fullnameOverride)" .name $component) -}}
{{- end -}}
{{- $autoscaling := .autoscaling | default $v.connectorRuntime.autoscaling -}}
{{- if gt (int $autoscaling.minReplicas) (int $autoscaling.maxReplicas) -}}
{{- fail (printf "patchbay: connectorRuntime.environments '%s': autoscaling.minReplicas is greater than maxReplicas" .name) -}}
{{- end -}}
{{- end -}}
{{- if and (eq $v.vault.authMethod "kubernetes") (not $v.connectionStore.serviceAccount.create) (empty $v.connectionStore.serviceAccount.name) -}}
{{- fail "patchbay: vault.authMethod=kubernetes needs a dedicated service account: set connectionStore.serviceAccount.create or .name" -}}
{{- end -}}
{{- end -}}
