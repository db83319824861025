// Key Vault for the channel secrets (Twilio, SendGrid/SMTP, Slack, GitHub). The app never reads the vault itself:
// its app settings hold Key Vault references, which the platform resolves with the app's managed identity
// (keyVaultReferenceIdentity) — the app sees plain values in its environment. RBAC authorization; the identity gets
// Key Vault Secrets User (read values) and nothing else.

import { keyVaultSecretsUser } from 'roles.bicep'

@description('Vault name (3-24 letters, digits and dashes, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Secret name → value. Only non-empty values become secrets; the app settings reference only those.')
@secure()
param secrets object

@description('Days a deleted vault can be recovered (and its name stays taken): 7–90.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Purge protection: a deleted vault cannot be purged before its retention ends. Irreversible once on.')
param enablePurgeProtection bool

@description('Name of the app\'s user-assigned identity (in this resource group).')
param identityName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // ARM rejects false here; leaving it out is how purge protection stays off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource secretValues 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = [
  for secret in filter(items(secrets), s => !empty(s.value)): {
    parent: vault
    name: secret.key
    properties: {
      value: secret.value
    }
  }
]

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Vault name, for Key Vault references (VaultName=…;SecretName=…).')
output name string = vault.name
