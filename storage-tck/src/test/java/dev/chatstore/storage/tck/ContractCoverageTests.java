package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContractCoverageTests {

  @Test
  void findsTheContractClassesByScanningAndOnlyThem() {
    assertThat(ContractCoverage.contractClasses())
        .contains(UserStoreContractTests.class, MigrationContractTests.class)
        .doesNotContain(StorageContractSupport.class, ContractCoverage.class, TestData.class)
        .allSatisfy(c -> assertThat(c.getSimpleName()).endsWith("ContractTests"));
  }

  @Test
  void failsNamingEveryContractClassABackendDoesNotRun() {
    assertThatThrownBy(
            () -> ContractCoverage.assertEveryContractRunBy("Nowhere", ContractCoverageTests.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("NowhereUserStoreContractTests (no such class)")
        .hasMessageContaining("NowhereMigrationContractTests (no such class)");
  }

  @Test
  void aClassWithTheRightNameMustAlsoExtendTheContract() {
    assertThatThrownBy(
            () -> ContractCoverage.assertEveryContractRunBy("Fake", ContractCoverageTests.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "FakeUserStoreContractTests (does not extend UserStoreContractTests)");
  }
}
