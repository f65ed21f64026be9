# Least-privilege Vault/OpenBao policy for Patchbay connection-store, the only service that talks to Vault.
# Keep this file identical to deploy/vault/patchbay-policy.hcl (helm/check.sh compares them).
#
# Assumes KV v2 mounted at "secret/" and the transit engine at "transit/" with a key named "patchbay".

# Connection secrets and OAuth tokens (KV v2 data).
path "secret/data/patchbay/connections/*" {
  capabilities = ["create", "read", "update", "delete"]
}

# An interrupted secret change is undone by destroying the one version it wrote.
path "secret/destroy/patchbay/connections/*" {
  capabilities = ["update"]
}

# Removing a connection destroys every version; the list capability lets the store find orphans.
path "secret/metadata/patchbay/connections/*" {
  capabilities = ["delete", "list"]
}

# Envelope encryption with the "patchbay" transit key (encrypt and decrypt are POST, i.e. "update").
path "transit/encrypt/patchbay" {
  capabilities = ["update"]
}

path "transit/decrypt/patchbay" {
  capabilities = ["update"]
}

# Workload-identity connections: a dynamic credential from the database secrets engine (mount "database/",
# VAULT_DATABASE_MOUNT), issued with connection-store's own identity at resolve time. Roles are the admin's.
path "database/creds/*" {
  capabilities = ["read"]
}

# Keep the service's own token alive.
path "auth/token/renew-self" {
  capabilities = ["update"]
}
