package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.ContractCoverage;
import org.junit.jupiter.api.Test;

/**
 * Fails when a contract class of the TCK has no {@code H2<Contract>} or {@code Postgres<Contract>}
 * subclass here.
 */
class R2dbcContractCoverageTests {

  @Test
  void everyContractClassOfTheTckRunsOnH2() {
    ContractCoverage.assertEveryContractRunBy("H2", R2dbcContractCoverageTests.class);
  }

  @Test
  void everyContractClassOfTheTckRunsOnPostgres() {
    ContractCoverage.assertEveryContractRunBy("Postgres", R2dbcContractCoverageTests.class);
  }
}
