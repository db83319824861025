// Where object code runs on Azure when DurableObjects:Runner:Mode is ContainerAppsSessions: an Azure Container Apps
// dynamic session pool of custom-container sessions (each a Hyper-V-isolated sandbox) with outbound network
// disabled, prewarmed sessions standing in for the local warm spares, and only the app's identity allowed to
// create sessions and send them requests (Azure ContainerApps Session Executor). Deployed only in that mode.
//
// The app does not implement this mode yet: chosen, it refuses to start and says so (see infra/README.md).

import { acrPull, containerAppsSessionExecutor } from 'roles.bicep'

@description('Container Apps environment name.')
param environmentName string

@description('Session pool name.')
param poolName string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Runner image, e.g. myregistry.azurecr.io/durableobjects-runner:1.0 (an HTTP front over runner/).')
param image string

@description('Azure Container Registry holding the image (pulled with the identity); empty for a public image.')
param registryName string

@description('Port the runner image listens on inside a session.')
param targetPort int

@description('Sessions kept started ahead of need (the local WarmSpares).')
@minValue(0)
param readySessions int

@description('Most sessions at once.')
@minValue(1)
param maxSessions int

@description('Idle seconds before a session is deleted.')
@minValue(300)
@maxValue(3600)
param cooldownSeconds int

@description('Name of the app\'s user-assigned identity (runs sessions, pulls the image).')
param identityName string

@description('Log Analytics workspace (in this resource group) for the environment\'s logs.')
param workspaceName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: workspaceName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = if (!empty(registryName)) {
  name: empty(registryName) ? 'unused' : registryName
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(registryName)) {
  name: guid(resourceGroup().id, registryName, identity.id, acrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

resource pool 'Microsoft.App/sessionPools@2025-07-01' = {
  name: poolName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    pull
  ]
  properties: {
    environmentId: environment.id
    containerType: 'CustomContainer'
    poolManagementType: 'Dynamic'
    customContainerTemplate: {
      containers: [
        {
          name: 'runner'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
        }
      ]
      ingress: {
        targetPort: targetPort
      }
      registryCredentials: empty(registryName)
        ? null
        : {
            server: registry!.properties.loginServer
            identity: identity.id
          }
    }
    dynamicPoolConfiguration: {
      lifecycleConfiguration: {
        lifecycleType: 'Timed'
        cooldownPeriodInSeconds: cooldownSeconds
      }
    }
    scaleConfiguration: {
      maxConcurrentSessions: maxSessions
      readySessionInstances: readySessions
    }
    // The point of the pool: object code gets no outbound network at all.
    sessionNetworkConfiguration: {
      status: 'EgressDisabled'
    }
  }
}

resource executor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(pool.id, identity.id, containerAppsSessionExecutor)
  scope: pool
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', containerAppsSessionExecutor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Pool management endpoint (DurableObjects:Runner:SessionPoolEndpoint).')
output poolManagementEndpoint string = pool.properties.poolManagementEndpoint
