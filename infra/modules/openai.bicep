// Azure OpenAI with one deployment per pipeline role (planner, generator, judge). The app reads AI:Planner:Model,
// AI:Generator:Model and AI:Judge:Model as deployment names and authenticates with its managed identity
// (Cognitive Services OpenAI User); local (key) authentication is off.

import { cognitiveServicesOpenAIUser } from 'roles.bicep'

@description('A model deployment for one role.')
@export()
type roleDeployment = {
  @description('Deployment name: what the app sends as the model (AI:{Role}:Model).')
  name: string
  @description('OpenAI model name, e.g. gpt-4.1.')
  model: string
  @description('Model version, e.g. 2025-04-14.')
  version: string
  @description('Deployment type: GlobalStandard (pay per token) or Standard (regional).')
  sku: 'GlobalStandard' | 'Standard' | 'DataZoneStandard'
  @description('Capacity in thousands of tokens per minute.')
  @minValue(1)
  capacity: int
}

@description('Account name; also its custom subdomain (https://{name}.openai.azure.com/).')
param name string

@description('Region (must offer the chosen models).')
param location string

@description('Tags for every resource.')
param tags object

@description('One deployment per role: planner, generator, judge.')
param deployments roleDeployment[]

@description('Name of the app\'s user-assigned identity (in this resource group).')
param identityName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

// One at a time: the service rejects concurrent deployment changes on an account.
@batchSize(1)
resource modelDeployments 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = [
  for deployment in deployments: {
    parent: account
    name: deployment.name
    sku: {
      name: deployment.sku
      capacity: deployment.capacity
    }
    properties: {
      model: {
        format: 'OpenAI'
        name: deployment.model
        version: deployment.version
      }
      versionUpgradeOption: 'OnceNewDefaultVersionAvailable'
    }
  }
]

resource user 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identity.id, cognitiveServicesOpenAIUser)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cognitiveServicesOpenAIUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Endpoint (AI:Endpoint).')
output endpoint string = account.properties.endpoint

@description('Account name (az cognitiveservices account purge after teardown).')
output name string = account.name
