/**
 * AKS planned maintenance from the stack config: one weekly window that both the Kubernetes
 * auto-upgrade schedule and the node OS upgrade schedule use.
 */
import type { MaintenanceWindow, WeekDay } from "../components/cluster/aks";
import type { ConfigKeyName } from "./schema";

/** The maintenance window's settings (the same shape the AksCluster component takes). */
export type AksMaintenanceSettings = MaintenanceWindow;

/** The part of the config reader this needs. */
export interface MaintenanceReader {
    boolean(name: ConfigKeyName): boolean;
    required<T extends string>(name: ConfigKeyName): T;
    integer(name: ConfigKeyName, min: number): number;
    problem(key: string, message: string): void;
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const offset = /^[+-](0\d|1[0-4]):[0-5]\d$/;

/** The maintenance window, or undefined when `aksMaintenanceWindow` is off. */
export function readAksMaintenance(r: MaintenanceReader): AksMaintenanceSettings | undefined {
    if (!r.boolean("aksMaintenanceWindow")) {
        return undefined;
    }
    const settings: AksMaintenanceSettings = {
        day: r.required<WeekDay>("aksMaintenanceDay"),
        startTime: r.required("aksMaintenanceStartTime"),
        // 4 to 24 hours (azure-native MaintenanceWindow.durationHours); planned-maintenance.md asks for
        // four or more with auto-upgrade.
        durationHours: r.integer("aksMaintenanceDurationHours", 4),
        utcOffset: r.required("aksMaintenanceUtcOffset"),
    };
    if (!hhmm.test(settings.startTime)) {
        r.problem("aksMaintenanceStartTime", `got "${settings.startTime}"; must be HH:mm (24-hour), e.g. 01:00`);
    }
    if (settings.durationHours > 24) {
        r.problem("aksMaintenanceDurationHours", `got ${settings.durationHours}; AKS allows at most 24 hours`);
    }
    if (!offset.test(settings.utcOffset)) {
        r.problem("aksMaintenanceUtcOffset", `got "${settings.utcOffset}"; must be +HH:mm or -HH:mm, e.g. +01:00`);
    }
    return settings;
}
