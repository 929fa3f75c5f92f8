import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { azureRoles } from "../defaults";

/** The subscription-scoped id of a built-in role, as role assignments take it. */
export function roleDefinitionId(role: keyof typeof azureRoles, parent: pulumi.Resource): pulumi.Output<string> {
    const subscriptionId = authorization.getClientConfigOutput({ parent }).subscriptionId;
    return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${azureRoles[role]}`;
}
