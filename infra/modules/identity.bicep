// The one user-assigned managed identity the Function App runs as. Every data-plane permission (storage, Azure
// OpenAI, Key Vault, Application Insights, the runner session pool) is granted to it in the module that owns the
// resource (which looks the identity up by name, so role assignment names are known before deployment), so no key or connection string is needed in the app settings.

@description('Name of the identity.')
param name string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource ID (for identity blocks and keyVaultReferenceIdentity).')
output id string = identity.id

@description('Client ID (AZURE_CLIENT_ID, AzureWebJobsStorage__clientId).')
output clientId string = identity.properties.clientId
