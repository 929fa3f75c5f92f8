import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { azureRoles, defaults } from "../defaults";

/** The subscription-scoped id of a built-in role, as role assignments take it. */
export function roleDefinitionId(role: keyof typeof azureRoles, parent: pulumi.Resource): pulumi.Output<string> {
    const subscriptionId = authorization.getClientConfigOutput({ parent }).subscriptionId;
    return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${azureRoles[role]}`;
}

/** Inputs of a {@link PropagationWait}. */
interface PropagationWaitInputs {
    /** The role assignment waited for; a new one (replacement) waits again. */
    assignmentId: string;
    /** How long to wait. */
    seconds: number;
}

/** What a {@link PropagationWait} does. Kept free of imports: Pulumi serializes it into the state and runs it in its own process. */
export const propagationWaitProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: PropagationWaitInputs) {
        await new Promise((resolve) => setTimeout(resolve, inputs.seconds * 1000));
        return { id: inputs.assignmentId, outs: inputs };
    },
    diff(_id: string, olds: PropagationWaitInputs, news: PropagationWaitInputs) {
        const replaces = olds.assignmentId !== news.assignmentId ? ["assignmentId"] : [];
        return Promise.resolve({ changes: replaces.length > 0 || olds.seconds !== news.seconds, replaces });
    },
    update(_id: string, _olds: PropagationWaitInputs, news: PropagationWaitInputs) {
        return Promise.resolve({ outs: news });
    },
};

/**
 * Waits, once, after a role assignment is created: Azure answers the create at once but applies
 * the assignment minutes later ("up to 10 minutes", Azure RBAC troubleshooting; AKS Azure RBAC
 * "up to five minutes"), so what needs the right must not start before. A dynamic resource in the
 * program's own runtime: no provider plugin to download, and it only sleeps when the assignment is
 * new (created or replaced), not on later updates.
 */
export class PropagationWait extends pulumi.dynamic.Resource {
    constructor(name: string, args: { assignment: authorization.RoleAssignment; seconds: number }, opts?: pulumi.CustomResourceOptions) {
        super(propagationWaitProvider, name, { assignmentId: args.assignment.id, seconds: args.seconds }, { ...opts, dependsOn: [args.assignment] });
    }
}

/** Arguments of {@link assignRole}. */
export interface AssignRoleArgs {
    /** Who gets the role. */
    principalId: pulumi.Input<string>;
    /** `ServicePrincipal` for managed identities and workload identities, `User` for people. */
    principalType: "ServicePrincipal" | "User" | "Group";
    /** The built-in role. */
    role: keyof typeof azureRoles;
    /** Where it applies. */
    scope: pulumi.Input<string>;
    /** Seconds to wait after creating it. Defaults to `defaults.roleAssignmentWaitSeconds`; 0 does not wait. */
    waitSeconds?: number;
}

/** A role assignment and what to depend on to use it: the wait after it, or the assignment itself when there is none. */
export interface AssignedRole {
    /** The assignment itself. */
    readonly assignment: authorization.RoleAssignment;
    /** Depend on this, not on the assignment, to start after the role took effect. */
    readonly ready: pulumi.Resource;
}

/** Assigns a built-in role, followed by a {@link PropagationWait} named `<name>-propagation`. */
export function assignRole(name: string, args: AssignRoleArgs, parent: pulumi.Resource): AssignedRole {
    const assignment = new authorization.RoleAssignment(
        name,
        { principalId: args.principalId, principalType: args.principalType, roleDefinitionId: roleDefinitionId(args.role, parent), scope: args.scope },
        { parent },
    );
    const seconds = args.waitSeconds ?? defaults.roleAssignmentWaitSeconds;
    return { assignment, ready: seconds > 0 ? new PropagationWait(`${name}-propagation`, { assignment, seconds }, { parent }) : assignment };
}
