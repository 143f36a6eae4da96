/**
 * The rebuild plan of a fleet, as {@code shelflife plan} prints it, for a tool that embeds ShelfLife:
 * the inventory of images ({@link dev.shelflife.fleet.FleetInventory}, read strictly from YAML or
 * JSON by {@link dev.shelflife.fleet.FleetInventoryReader}), the plan at one instant
 * ({@link dev.shelflife.fleet.FleetPlan}: rebuild now, blocked, unknown, rebuild by a date, fine, and
 * the base image update that fixes the most findings), and its JSON object
 * ({@link dev.shelflife.fleet.PlanJson}, the shape {@code docs/plan.md} documents).
 *
 * <p>Reading the reports, applying the KEV and EPSS feeds, resolving base image tags and recording
 * into a history are the caller's: the plan is made from the {@link dev.shelflife.fleet.FleetPlan.Input}s
 * it gathers, so that it stays as pure as the policy engine.
 */
@NullMarked
package dev.shelflife.fleet;

import org.jspecify.annotations.NullMarked;
