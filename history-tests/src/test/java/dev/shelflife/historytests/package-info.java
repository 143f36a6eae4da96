/** The history stores tested through the contract kit and the corpus. */
package dev.shelflife.historytests;
