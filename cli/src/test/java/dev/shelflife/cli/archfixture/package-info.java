/**
 * A miniature of the ShelfLife package layout in which every class but {@code cli.Cli} breaks
 * one dependency rule, so that {@code ArchitectureTest} can show that each rule catches what it
 * is meant to catch. Nothing here is used by ShelfLife itself.
 */
package dev.shelflife.cli.archfixture;
