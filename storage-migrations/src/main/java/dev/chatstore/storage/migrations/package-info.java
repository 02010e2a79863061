/** Runs the one Liquibase changelog over JDBC for every backend. */
package dev.chatstore.storage.migrations;
