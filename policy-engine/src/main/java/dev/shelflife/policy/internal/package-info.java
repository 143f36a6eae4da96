/**
 * Not API: helpers the policy engine's packages share (package and vulnerability identities,
 * duration and phrase formatting, fix-state sets). Public only because Java has no narrower
 * access across packages; anything here may change or go in any release, and no code outside
 * {@code shelflife-policy-engine} may use it (see {@code VERSIONING.md}).
 *
 * @since 0.2
 */
package dev.shelflife.policy.internal;
