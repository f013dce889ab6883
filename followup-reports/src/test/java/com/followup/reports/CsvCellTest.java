package com.followup.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cells a spreadsheet would run as formulas become text; others stay as typed (issue 15). */
class CsvCellTest {
    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+44 20 1234", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"})
    void aCellThatWouldRunAsAFormulaGetsAnApostrophe(String cell) {
        assertThat(CsvReport.neutralised(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme Ltd", "Zoë Ångström", "3M", " =not first", "O'Brien & Sons"})
    void anyOtherCellIsLeftAsItIs(String cell) {
        assertThat(CsvReport.neutralised(cell)).isEqualTo(cell);
    }
}
