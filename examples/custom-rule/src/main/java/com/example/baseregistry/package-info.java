/**
 * A ShelfLife rule of one's own, {@code base-registry}: an image's base image must come from an
 * allowed registry. An example of what a third party writes so that policy files can name its
 * rule, with no change to ShelfLife.
 *
 * <p>{@link com.example.baseregistry.BaseRegistry} is the rule, a value that the engine evaluates;
 * {@link com.example.baseregistry.BaseRegistryType} tells policy files about it, and ShelfLife
 * finds it through {@code META-INF/services/dev.shelflife.policy.RuleType}.
 *
 * @since 0.2
 */
package com.example.baseregistry;
