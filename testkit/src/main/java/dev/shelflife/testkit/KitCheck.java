package dev.shelflife.testkit;

import java.util.Locale;

/**
 * A check of the {@link ScannerAdapterKit}, by name, so that a {@link KitSetup} can say which
 * checks cannot apply to an adapter, and why: {@code without(KitCheck.DEPTH_LIMIT, "nothing nests
 * in a .trivyignore")}. Each check runs on the whole adapter, on each {@link KitSample}, or on each
 * {@link KitTemplate}, as its {@link #scope()} says; an opt-out is given where the check runs (an
 * opt-out of a check of samples on one sample, or on the setup for every sample), and the check is
 * then reported as skipped with its reason.
 *
 * @since 0.2
 */
public enum KitCheck {
    /** The id is lower case, and {@code ServiceLoader} finds the adapter under it. */
    DISCOVERY(Scope.ADAPTER, "hasALowerCaseIdAndIsDiscoverable"),
    /** Inputs that are no report are neither claimed nor fail detection. */
    FOREIGN_INPUT(Scope.ADAPTER, "neitherClaimsNorFailsOnForeignInput"),
    /** Garbage ends in a located {@code ReportParseException}. */
    GARBAGE(Scope.ADAPTER, "endsGarbageInALocatedException"),
    /** 5,000-deep arrays end in a located {@code ReportParseException}. */
    DEEP_NESTING(Scope.ADAPTER, "endsDeepNestingInALocatedException"),
    /** Every sample reads the same from eight tasks on four threads as from one. */
    SAMPLE_THREADS(Scope.ADAPTER, "readsFromManyThreadsAsFromOne"),
    /** Every other scanner's report is neither claimed nor read. */
    FOREIGN_REPORTS(Scope.ADAPTER, "neitherClaimsNorReadsAnotherScannersReport"),
    /**
     * One entry of numbers where text belongs reads as their digits, and a numeric string as a
     * score; it needs {@link KitSetup.Builder#numbersWhereTextBelong(String)}.
     */
    NUMBERS_WHERE_TEXT_BELONGS(Scope.ADAPTER, "readsNumbersWhereTextBelongsAsTheirDigitsAndANumericStringAsAScore"),

    /** The sample is detected and read, by this adapter, with its raw entries. */
    SAMPLE_READ(Scope.SAMPLE, "detectsAndReadsEverySample"),
    /** Two reads of the sample are equal. */
    SAMPLE_DETERMINISM(Scope.SAMPLE, "readsDeterministically"),
    /** A stream of the sample hands over what a read returns, with the same summary. */
    SAMPLE_STREAM(Scope.SAMPLE, "streamsWhatItReads"),
    /** The sample cut at 64 points reads, or ends in a located exception. */
    SAMPLE_TRUNCATION(Scope.SAMPLE, "endsEveryTruncationInALocatedExceptionOrAReport"),
    /** The sample cut at 64 points streams, or ends in a located exception. */
    SAMPLE_STREAM_TRUNCATION(Scope.SAMPLE, "endsEveryTruncatedStreamInALocatedExceptionOrASummary"),
    /** A sample with entries, read under a depth limit of 2, ends in an exception that names a limit. */
    SAMPLE_DEPTH_LIMIT(Scope.SAMPLE, "enforcesTheDepthLimit"),

    /** The template is detected and read with its entries. */
    TEMPLATE_READ(Scope.TEMPLATE, "readsEveryTemplateWithItsEntries"),
    /** The template cut at every byte ends in a located exception, at a line of the cut. */
    TRUNCATION(Scope.TEMPLATE, "endsATruncationAtEveryByteInALocatedException"),
    /** Content after the document ends in a located exception at its line; trailing white space reads. */
    TRAILING_CONTENT(Scope.TEMPLATE, "endsTrailingContentInALocatedExceptionAtItsLine"),
    /** A UTF-8 byte-order mark, UTF-16BE and UTF-16LE read like UTF-8. */
    BYTE_ORDER_MARKS(Scope.TEMPLATE, "readsByteOrderMarksAndUtf16LikeUtf8"),
    /** Invalid UTF-8 ends in a located exception. */
    INVALID_UTF8(Scope.TEMPLATE, "endsInvalidUtf8InALocatedException"),
    /** Overlong forms, encoded surrogates and code points above U+10FFFF end in a located exception. */
    ILL_FORMED_UTF8(Scope.TEMPLATE, "endsOverlongSurrogateAndOutOfRangeUtf8InALocatedException"),
    /** An unpaired surrogate in UTF-16 ends in a located exception. */
    UNPAIRED_SURROGATE(Scope.TEMPLATE, "endsAnUnpairedSurrogateInUtf16InALocatedException"),
    /** A first entry or first keys longer than any fixed window are still detected and read. */
    LONG_FIRST_ENTRY(Scope.TEMPLATE, "detectsAReportWhoseFirstEntryOrFirstKeysOutgrowAnyFixedWindow"),
    /** A container of entries spelled in another case is reported or refused, never read as nothing found. */
    CONTAINER_IN_ANOTHER_CASE(Scope.TEMPLATE, "reportsOrRefusesAContainerOfEntriesSpelledInAnotherCase"),
    /** Another format's entries beside the report's own are reported, refused or read (JSON). */
    FOREIGN_ENTRIES(Scope.TEMPLATE, "reportsRefusesOrReadsAnotherFormatsEntriesBesideItsOwn"),
    /** A raw NUL character ends in a located exception. */
    RAW_NUL(Scope.TEMPLATE, "endsARawNulCharacterInALocatedException"),
    /** An escaped NUL character of JSON is kept. */
    ESCAPED_NUL(Scope.TEMPLATE, "keepsAnEscapedNulCharacterOfJson"),
    /** A NUL character reference of XML ends in a located exception. */
    NUL_REFERENCE(Scope.TEMPLATE, "endsANulCharacterReferenceOfXmlInALocatedException"),
    /** Non-ASCII text is kept as written. */
    NON_ASCII(Scope.TEMPLATE, "keepsNonAsciiTextAsWritten"),
    /** 5,000-deep nesting inside unknown fields ends at the depth limit, where it stands. */
    DEEP_UNKNOWN_FIELDS(Scope.TEMPLATE, "endsDeepNestingInUnknownFieldsAtTheDepthLimit"),
    /** A 2,000-digit number ends at the number limit; overflowing unknown numbers are skipped (JSON). */
    NUMBER_LIMIT(Scope.TEMPLATE, "endsA2000DigitNumberAtTheNumberLimitAndSkipsOverflowingUnknownNumbers"),
    /** A duplicate key ends in a located exception (JSON). */
    DUPLICATE_KEY(Scope.TEMPLATE, "endsADuplicateKeyInALocatedException"),
    /** {@code ReadLimits.maxStringLength} is enforced and named. */
    STRING_LIMIT(Scope.TEMPLATE, "enforcesAndNamesTheStringLengthLimit"),
    /** {@code ReadLimits.maxDocumentBytes} is enforced and named. */
    DOCUMENT_LIMIT(Scope.TEMPLATE, "enforcesAndNamesTheDocumentSizeLimit"),
    /** A document of 16 MiB ends at the document size limit. */
    HUGE_DOCUMENT(Scope.TEMPLATE, "endsAHugeDocumentAtTheDocumentSizeLimit"),
    /** {@code ReadLimits.maxEntries} is enforced and named. */
    ENTRY_LIMIT(Scope.TEMPLATE, "enforcesAndNamesTheEntryLimit"),
    /** {@code ReadLimits.maxDepth} is enforced and named, one level below the depth the template needs. */
    DEPTH_LIMIT(Scope.TEMPLATE, "enforcesAndNamesTheDepthLimit"),
    /** Reads and failures give the same outcome from many threads as from one. */
    TEMPLATE_THREADS(Scope.TEMPLATE, "readsAndFailsFromManyThreadsAsFromOne");

    /**
     * What a check runs on, and so where an opt-out of it is given.
     *
     * @since 0.2
     */
    public enum Scope {
        /** The adapter as a whole: opted out on the {@link KitSetup}. */
        ADAPTER,
        /** Each {@link KitSample}: opted out on the sample, or on the setup for every sample. */
        SAMPLE,
        /** Each {@link KitTemplate}: opted out on the template, or on the setup for every template. */
        TEMPLATE
    }

    private final Scope scope;
    private final String testName;

    KitCheck(Scope scope, String testName) {
        this.scope = scope;
        this.testName = testName;
    }

    /**
     * What the check runs on.
     *
     * @return the scope
     */
    public Scope scope() {
        return scope;
    }

    /**
     * The name of the kit's test method that runs the check, as a test report shows it.
     *
     * @return the method's name
     */
    public String testName() {
        return testName;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-') + " (" + testName + ")";
    }
}
