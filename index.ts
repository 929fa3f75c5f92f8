// The kserve-platform program: read and validate the stack config, build the stack's one
// component, export where each model answers. Everything else lives in components/.
import * as pulumi from "@pulumi/pulumi";
import { kservePlatformArgs, loadConfig } from "./config";
import { wildcardHost } from "./components/common";
import { KServePlatform } from "./components/stack";

const config = loadConfig();
const stack = new KServePlatform(`kserve-${pulumi.getStack()}`, kservePlatformArgs(config));
const { net, aks, aro, store, platform, gateway, models, monitoringWorkspace } = stack;

/** Where each model answers: `{ url, internalUrl, protocol, predictUrl, ready }` by model name. */
export const endpoints = models.endpoints;
/** The ingress domain of model URLs. */
export const domain = platform.domain;
/** Kubeconfig of the cluster the stack created (secret). */
export const kubeconfig = aks?.kubeconfig ?? aro?.kubeconfig;
/** The AKS cluster: name, resource group and OIDC issuer. */
export const aksCluster = aks && { name: aks.clusterName, resourceGroupName: aks.resourceGroupName, oidcIssuerUrl: aks.oidcIssuerUrl };
/** The ARO cluster: API server and console. */
export const aroCluster = aro && { name: aro.clusterName, apiServerUrl: aro.apiServerUrl, consoleUrl: aro.consoleUrl };
/** The model store: the URI prefix of models in it and the identity that reads it. */
export const modelStore = store && { uriPrefix: store.uriPrefix, clientId: store.clientId, serviceAccountName: store.ref.serviceAccountName };
/** The public door of a private cluster: the Application Gateway's address; point *.<domain> at it. */
export const publicIngress = gateway && { address: gateway.publicIpAddress, hosts: wildcardHost(config.domain) };
/** Azure Managed Grafana, when monitoringGrafana is on. */
export const grafanaUrl = monitoringWorkspace?.grafanaUrl;
/** Fixed public address of the cluster's egress (NAT gateway), for allow-lists. */
export const egressIp = net?.egressIp;
