// Production: one always-ready HTTP instance (runner processes and their warm spares stay up between requests),
// 4 GB instances, zone-redundant storage, longer log retention, purge-protected Key Vault, larger model quotas.
// Secrets come from the environment of whoever runs `az deployment group create` (empty = channel not configured).
using 'main.bicep'

param environmentName = 'prod'
param staticWebAppLocation = readEnvironmentVariable('SWA_LOCATION', 'westeurope')
param openAIDeployments = [
  {
    name: 'planner'
    model: 'gpt-4.1'
    version: '2025-04-14'
    sku: 'GlobalStandard'
    capacity: 50
  }
  {
    name: 'generator'
    model: 'gpt-4.1'
    version: '2025-04-14'
    sku: 'GlobalStandard'
    capacity: 100
  }
  {
    name: 'judge'
    model: 'gpt-4.1-mini'
    version: '2025-04-14'
    sku: 'GlobalStandard'
    capacity: 50
  }
]
param storageSku = 'Standard_ZRS'
param instanceMemoryMB = 4096
param maximumInstanceCount = 100
param alwaysReadyHttp = 1
param logRetentionInDays = 90
param keyVaultSoftDeleteDays = 90
param keyVaultPurgeProtection = true
// Process until the session runner exists (the app refuses to start with ContainerAppsSessions): see infra/README.md.
param runnerMode = 'Process'

param twilioAccountSid = readEnvironmentVariable('TWILIO_ACCOUNT_SID', '')
param twilioAuthToken = readEnvironmentVariable('TWILIO_AUTH_TOKEN', '')
param twilioPhoneNumber = readEnvironmentVariable('TWILIO_PHONE_NUMBER', '')
param slackBotToken = readEnvironmentVariable('SLACK_BOT_TOKEN', '')
param slackSigningSecret = readEnvironmentVariable('SLACK_SIGNING_SECRET', '')
param githubToken = readEnvironmentVariable('GITHUB_TOKEN', '')
param githubRepo = readEnvironmentVariable('GITHUB_REPO', '')
param githubIssueOnRunFailure = true
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param smtpHost = readEnvironmentVariable('SMTP_HOST', '')
param smtpUsername = readEnvironmentVariable('SMTP_USERNAME', '')
param smtpPassword = readEnvironmentVariable('SMTP_PASSWORD', '')
param fromEmail = readEnvironmentVariable('FROM_EMAIL', '')
