// Development: scales to zero (no always-ready instances), smallest instances, small model quotas, recoverable
// Key Vault without purge protection so `az group delete` + purge frees every name again.
// Secrets come from the environment of whoever runs `az deployment group create` (empty = channel not configured).
using 'main.bicep'

param environmentName = 'dev'
param staticWebAppLocation = readEnvironmentVariable('SWA_LOCATION', 'westeurope')
param openAIDeployments = [
  {
    name: 'planner'
    model: 'gpt-4.1'
    version: '2025-04-14'
    sku: 'GlobalStandard'
    capacity: 10
  }
  {
    name: 'generator'
    model: 'gpt-4.1'
    version: '2025-04-14'
    sku: 'GlobalStandard'
    capacity: 10
  }
  {
    name: 'judge'
    model: 'gpt-4.1-mini'
    version: '2025-04-14'
    sku: 'GlobalStandard'
    capacity: 10
  }
]
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param alwaysReadyHttp = 0
param runnerMode = 'Process'

param twilioAccountSid = readEnvironmentVariable('TWILIO_ACCOUNT_SID', '')
param twilioAuthToken = readEnvironmentVariable('TWILIO_AUTH_TOKEN', '')
param twilioPhoneNumber = readEnvironmentVariable('TWILIO_PHONE_NUMBER', '')
param slackBotToken = readEnvironmentVariable('SLACK_BOT_TOKEN', '')
param slackSigningSecret = readEnvironmentVariable('SLACK_SIGNING_SECRET', '')
param githubToken = readEnvironmentVariable('GITHUB_TOKEN', '')
param githubRepo = readEnvironmentVariable('GITHUB_REPO', '')
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param smtpHost = readEnvironmentVariable('SMTP_HOST', '')
param smtpUsername = readEnvironmentVariable('SMTP_USERNAME', '')
param smtpPassword = readEnvironmentVariable('SMTP_PASSWORD', '')
param fromEmail = readEnvironmentVariable('FROM_EMAIL', '')
