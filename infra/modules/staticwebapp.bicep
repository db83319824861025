// Azure Static Web App for web/ (built to web/dist and uploaded with `swa deploy`). Its /api/* is linked to the
// Function App ("bring your own functions", Standard plan), so the front end's relative /api calls reach the API
// on the same origin: no CORS, and the bearer token never goes to another host.

@description('Static Web App name.')
param name string

@description('Region (Static Web Apps run in a few regions only; the content is served globally).')
param location string

@description('Tags for every resource.')
param tags object

@description('Resource ID of the Function App to link as the /api backend.')
param functionAppId string

@description('Region of the Function App.')
param functionAppLocation string

resource site 'Microsoft.Web/staticSites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Content is uploaded by `swa deploy`, not built from a repository.
    provider: 'None'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

resource backend 'Microsoft.Web/staticSites/userProvidedFunctionApps@2024-11-01' = {
  parent: site
  name: 'api'
  properties: {
    functionAppResourceId: functionAppId
    functionAppRegion: functionAppLocation
  }
}

@description('Default host name of the front end.')
output hostName string = site.properties.defaultHostname

@description('Static Web App name.')
output name string = site.name
