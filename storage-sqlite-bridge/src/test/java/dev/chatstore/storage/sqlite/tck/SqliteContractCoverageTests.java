package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.ContractCoverage;
import org.junit.jupiter.api.Test;

/** Fails when a contract class of the TCK has no {@code Sqlite<Contract>} subclass here. */
class SqliteContractCoverageTests {

  @Test
  void everyContractClassOfTheTckRunsOnSqlite() {
    ContractCoverage.assertEveryContractRunBy("Sqlite", SqliteContractCoverageTests.class);
  }
}
