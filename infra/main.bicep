// DurableObjects on Azure: the Function App (functions/, Flex Consumption, .NET 10 isolated) with its Durable Task
// hub on the storage account, the Static Web App for web/ linked to it, Azure OpenAI with a deployment per role,
// Key Vault for the channel secrets, Application Insights on Log Analytics, and one user-assigned identity holding
// the least roles the app needs. Optional: a Container Apps session pool for object code (runnerMode).
// Deploy guide: README.md "Deploy to Azure"; design notes: infra/README.md.

import { roleDeployment } from 'modules/openai.bicep'

@description('Environment: part of every resource name and tag.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Short name of the workload, the start of every resource name.')
@minLength(2)
@maxLength(12)
param workloadName string = 'durobj'

@description('Region of everything but the Static Web App and (optionally) Azure OpenAI. Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Region of the Static Web App (westus2, centralus, eastus2, westeurope or eastasia).')
@allowed([
  'westus2'
  'centralus'
  'eastus2'
  'westeurope'
  'eastasia'
])
param staticWebAppLocation string

@description('Region of Azure OpenAI (one that offers the models below).')
param openAILocation string = location

@description('Model deployments: the app uses the ones named planner, generator and judge.')
param openAIDeployments roleDeployment[]

@description('Storage:TablePrefix: prefix of every table and container, to share an account.')
param tablePrefix string = ''

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

@description('Memory per Function App instance (MB): the host plus its runner processes and warm spares.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Scale-out limit of the Function App.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Always-ready HTTP instances (0 = scale to zero).')
@minValue(0)
param alwaysReadyHttp int = 0

@description('Log retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Key Vault soft-delete retention in days.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteDays int = 7

@description('Key Vault purge protection (irreversible; recommended for prod).')
param keyVaultPurgeProtection bool = false

@description('DurableObjects:Runner:Mode. Process: runner processes on the Function App instances. ContainerAppsSessions: a session pool with no outbound network (provisioned here; the app does not implement it yet and refuses to start in that mode).')
@allowed([
  'Process'
  'ContainerAppsSessions'
])
param runnerMode string = 'Process'

@description('ContainerAppsSessions only: the runner image.')
param runnerImage string = ''

@description('ContainerAppsSessions only: the Azure Container Registry holding runnerImage (empty: public image).')
param runnerRegistryName string = ''

@description('ContainerAppsSessions only: sessions kept ready (warm spares).')
@minValue(0)
param runnerReadySessions int = 2

@description('ContainerAppsSessions only: most sessions at once.')
@minValue(1)
param runnerMaxSessions int = 20

@description('TWILIO_ACCOUNT_SID (not secret).')
param twilioAccountSid string = ''

@description('TWILIO_AUTH_TOKEN: stored in Key Vault.')
@secure()
param twilioAuthToken string = ''

@description('TWILIO_PHONE_NUMBER (E.164).')
param twilioPhoneNumber string = ''

@description('SLACK_BOT_TOKEN: stored in Key Vault.')
@secure()
param slackBotToken string = ''

@description('SLACK_SIGNING_SECRET (verifies Slack interactions and slash commands): stored in Key Vault.')
@secure()
param slackSigningSecret string = ''

@description('SLACK_APPROVAL_CHANNEL: where approval requests with Approve/Reject buttons go (empty: the requester).')
param slackApprovalChannel string = ''

@description('GITHUB_TOKEN: stored in Key Vault.')
@secure()
param githubToken string = ''

@description('GITHUB_REPO (owner/name).')
param githubRepo string = ''

@description('GITHUB_ISSUE_ON_RUN_FAILURE.')
param githubIssueOnRunFailure bool = false

@description('GITHUB_RUN_FAILURE_LABELS.')
param githubRunFailureLabels string = 'durable-objects,run-failed'

@description('EMAIL_PROVIDER.')
@allowed([
  'auto'
  'sendgrid'
  'smtp'
])
param emailProvider string = 'auto'

@description('SENDGRID_API_KEY: stored in Key Vault.')
@secure()
param sendGridApiKey string = ''

@description('SMTP_HOST.')
param smtpHost string = ''

@description('SMTP_PORT.')
param smtpPort int = 587

@description('SMTP_USERNAME.')
param smtpUsername string = ''

@description('SMTP_PASSWORD: stored in Key Vault.')
@secure()
param smtpPassword string = ''

@description('SMTP_SECURITY.')
@allowed([
  'auto'
  'none'
  'starttls'
  'ssl'
])
param smtpSecurity string = 'auto'

@description('FROM_EMAIL.')
param fromEmail string = ''

@description('FROM_NAME.')
param fromName string = 'Durable Objects'

var suffix = take(uniqueString(subscription().id, resourceGroup().id, environmentName), 8)
var prefix = '${workloadName}-${environmentName}'
var tags = {
  workload: 'durable-objects'
  environment: environmentName
}
var keyVaultName = take('kv-${workloadName}${environmentName}${suffix}', 24)
var identityName = 'id-${prefix}-${suffix}'
var workspaceName = 'log-${prefix}-${suffix}'
var useSessions = runnerMode == 'ContainerAppsSessions'

// A Key Vault reference: the platform resolves it with the identity; the app sees the secret's value.
func keyVaultReference(vault string, secret string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})'

// Secret name in Key Vault → value; empty ones are not created and their setting stays empty (unset).
func secretSetting(vault string, secret string, value string) string => empty(value) ? '' : keyVaultReference(vault, secret)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  dependsOn: [
    identity
  ]
  params: {
    workspaceName: workspaceName
    appInsightsName: 'appi-${prefix}-${suffix}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    identityName: identityName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  dependsOn: [
    identity
  ]
  params: {
    name: take('st${workloadName}${environmentName}${suffix}', 24)
    location: location
    tags: tags
    deploymentContainerName: 'deployments'
    skuName: storageSku
    identityName: identityName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  dependsOn: [
    identity
  ]
  params: {
    name: keyVaultName
    location: location
    tags: tags
    secrets: {
      'twilio-auth-token': twilioAuthToken
      'slack-bot-token': slackBotToken
      'slack-signing-secret': slackSigningSecret
      'github-token': githubToken
      'sendgrid-api-key': sendGridApiKey
      'smtp-password': smtpPassword
    }
    softDeleteRetentionInDays: keyVaultSoftDeleteDays
    enablePurgeProtection: keyVaultPurgeProtection
    identityName: identityName
  }
}

module openAI 'modules/openai.bicep' = {
  name: 'openai'
  dependsOn: [
    identity
  ]
  params: {
    name: 'oai-${prefix}-${suffix}'
    location: openAILocation
    tags: tags
    deployments: openAIDeployments
    identityName: identityName
  }
}

module runnerSessions 'modules/runner-sessions.bicep' = if (useSessions) {
  name: 'runner-sessions'
  dependsOn: [
    identity
    monitoring
  ]
  params: {
    environmentName: 'cae-${prefix}-${suffix}'
    poolName: 'runners-${prefix}-${suffix}'
    location: location
    tags: tags
    image: runnerImage
    registryName: runnerRegistryName
    targetPort: 8080
    readySessions: runnerReadySessions
    maxSessions: runnerMaxSessions
    cooldownSeconds: 600
    identityName: identityName
    workspaceName: workspaceName
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: 'func-${prefix}-${suffix}'
    planName: 'plan-${prefix}-${suffix}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttp: alwaysReadyHttp
    app: {
      tablePrefix: tablePrefix
      runnerMode: useSessions ? 'ContainerAppsSessions' : 'Process'
      sessionPoolEndpoint: useSessions ? runnerSessions!.outputs.poolManagementEndpoint : ''
      openAIEndpoint: openAI.outputs.endpoint
      plannerDeployment: 'planner'
      generatorDeployment: 'generator'
      judgeDeployment: 'judge'
      twilioAccountSid: twilioAccountSid
      twilioAuthToken: secretSetting(keyVault.outputs.name, 'twilio-auth-token', twilioAuthToken)
      twilioPhoneNumber: twilioPhoneNumber
      slackBotToken: secretSetting(keyVault.outputs.name, 'slack-bot-token', slackBotToken)
      slackSigningSecret: secretSetting(keyVault.outputs.name, 'slack-signing-secret', slackSigningSecret)
      slackApprovalChannel: slackApprovalChannel
      githubToken: secretSetting(keyVault.outputs.name, 'github-token', githubToken)
      githubRepo: githubRepo
      githubIssueOnRunFailure: githubIssueOnRunFailure
      githubRunFailureLabels: githubRunFailureLabels
      emailProvider: emailProvider
      sendGridApiKey: secretSetting(keyVault.outputs.name, 'sendgrid-api-key', sendGridApiKey)
      smtpHost: smtpHost
      smtpPort: smtpPort
      smtpUsername: smtpUsername
      smtpPassword: secretSetting(keyVault.outputs.name, 'smtp-password', smtpPassword)
      smtpSecurity: smtpSecurity
      fromEmail: fromEmail
      fromName: fromName
    }
  }
}

module staticWebApp 'modules/staticwebapp.bicep' = {
  name: 'staticwebapp'
  params: {
    name: 'swa-${prefix}-${suffix}'
    location: staticWebAppLocation
    tags: tags
    functionAppId: functionApp.outputs.id
    functionAppLocation: location
  }
}

@description('Function App name (func azure functionapp publish <name>).')
output functionAppName string = functionApp.outputs.name

@description('API base URL; Twilio webhooks are {this}/webhooks/sms and {this}/webhooks/voice.')
output functionAppUrl string = 'https://${functionApp.outputs.hostName}'

@description('Static Web App name (swa deploy --app-name / az staticwebapp secrets list --name).')
output staticWebAppName string = staticWebApp.outputs.name

@description('Front end URL.')
output webUrl string = 'https://${staticWebApp.outputs.hostName}'

@description('Key Vault name.')
output keyVaultName string = keyVault.outputs.name

@description('Azure OpenAI endpoint.')
output openAIEndpoint string = openAI.outputs.endpoint

@description('Azure OpenAI account name.')
output openAIName string = openAI.outputs.name

@description('Application Insights name.')
output appInsightsName string = monitoring.outputs.appInsightsName
