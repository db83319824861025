// Built-in Azure role definition IDs (the same in every tenant), by name, for the role assignments of the app's
// identity. Imported by the modules that assign them.

@export()
@description('Read, write and delete blobs and containers, and set blob ACLs: the Functions host needs Owner on AzureWebJobsStorage.')
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

@export()
@description('Read, write and delete queues and messages (Durable Task control and work-item queues).')
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

@export()
@description('Read, write and delete tables and entities (objects, versions, audit, runs, the task hub history).')
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

@export()
@description('Call the chat completions of the Azure OpenAI deployments; no management rights.')
var cognitiveServicesOpenAIUser = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

@export()
@description('Read secret values (Key Vault references in app settings).')
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

@export()
@description('Send telemetry to an Application Insights resource whose local (key) authentication is off.')
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

@export()
@description('Create sessions and run code in them through a Container Apps session pool\'s management endpoint.')
var containerAppsSessionExecutor = '0fb8eba5-a2bb-4abe-b1c1-49dfad359bb0'

@export()
@description('Pull images from an Azure Container Registry.')
var acrPull = '7f951dca-d3b6-4b4f-9a64-1dbfb1b1e6a7'
