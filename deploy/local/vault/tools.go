//go:build tools

// Package tools only records the dependency on github.com/hashicorp/vault so that `go mod tidy` keeps it;
// lib/vault-build.sh builds the main package github.com/hashicorp/vault from this module.
package tools

import _ "github.com/hashicorp/vault"
