/**
 * Continuous evaluation of a whole registry on Kafka Streams: {@link dev.shelflife.streams.ShelfLifeTopology}
 * reads evidence, tag observations and the policy from topics, keeps each lineage's images and clock
 * facts in changelogged state, and emits every change of an image's verdict at a stage, exactly once,
 * including the changes that come with no event at all, when a deadline or an age limit passes: each
 * image is woken at the instant its verdict's forecast names. {@link dev.shelflife.streams.ShelfLifeStreams}
 * runs it as an application. {@code docs/streams.md} describes the topics, the records, what counts as
 * a change, and how to run several instances.
 *
 * @since 0.2
 */
@NullMarked
package dev.shelflife.streams;

import org.jspecify.annotations.NullMarked;
