-- The raw layer (DuckDB schema `raw`): what the Python loader writes and dbt reads.
-- One source file per transaction, keyed by the file's content hash (document_id = sha256).
-- Money is DECIMAL(18,4) in 万元 (`_wan`), percentages/weights/scores DECIMAL(9,4); never DOUBLE.
-- Every statement is idempotent: this script runs on every writer connection.

CREATE SCHEMA IF NOT EXISTS raw;

CREATE TABLE IF NOT EXISTS raw.documents (
    document_id       VARCHAR PRIMARY KEY,
    source_path       VARCHAR NOT NULL UNIQUE,
    source_name       VARCHAR NOT NULL,
    format            VARCHAR,
    size_bytes        BIGINT,
    n_pages           INTEGER,
    extractor_version VARCHAR,
    loaded_at         TIMESTAMP NOT NULL,
    fiscal_year       INTEGER,
    unit_name         VARCHAR,
    unit_aliases      VARCHAR[],
    region_code       VARCHAR,
    province          VARCHAR,
    prefecture        VARCHAR,
    county            VARCHAR,
    unit_code         VARCHAR,
    credit_code       VARCHAR,
    page              INTEGER,
    raw_text          VARCHAR,
    extraction_json   JSON NOT NULL,
    ocr_pages         INTEGER,
    ocr_lines         INTEGER,
    ocr_mean_confidence DECIMAL(9,4),
    ocr_low_confidence_lines INTEGER,
    modified_at       TIMESTAMP,
    report_key        VARCHAR
);

CREATE TABLE IF NOT EXISTS raw.reports (
    document_id  VARCHAR NOT NULL,
    report_index INTEGER NOT NULL,
    kind         VARCHAR,
    title        VARCHAR,
    project      VARCHAR,
    score        DECIMAL(9,4),
    grade        VARCHAR,
    page         INTEGER,
    table_index  INTEGER,
    row_index    INTEGER,
    raw_text     VARCHAR,
    PRIMARY KEY (document_id, report_index)
);

CREATE TABLE IF NOT EXISTS raw.projects (
    document_id          VARCHAR NOT NULL,
    project_index        INTEGER NOT NULL,
    name                 VARCHAR,
    budget_initial_wan   DECIMAL(18,4),
    budget_full_year_wan DECIMAL(18,4),
    executed_wan         DECIMAL(18,4),
    carryover_wan        DECIMAL(18,4),
    execution_rate_pct   DECIMAL(9,4),
    page                 INTEGER,
    table_index          INTEGER,
    row_index            INTEGER,
    raw_text             VARCHAR,
    PRIMARY KEY (document_id, project_index)
);

CREATE TABLE IF NOT EXISTS raw.spending_items (
    document_id VARCHAR NOT NULL,
    item_index  INTEGER NOT NULL,
    project     VARCHAR,
    item        VARCHAR,
    amount_wan  DECIMAL(18,4),
    page        INTEGER,
    table_index INTEGER,
    row_index   INTEGER,
    raw_text    VARCHAR,
    PRIMARY KEY (document_id, item_index)
);

CREATE TABLE IF NOT EXISTS raw.indicators (
    document_id       VARCHAR NOT NULL,
    indicator_index   INTEGER NOT NULL,
    project           VARCHAR,
    level1            VARCHAR,
    level2            VARCHAR,
    name              VARCHAR,
    target            VARCHAR,
    actual            VARCHAR,
    weight            DECIMAL(9,4),
    score             DECIMAL(9,4),
    note              VARCHAR,
    target_comparator VARCHAR,
    target_value      DECIMAL(18,4),
    target_value_high DECIMAL(18,4),
    target_unit       VARCHAR,
    actual_comparator VARCHAR,
    actual_value      DECIMAL(18,4),
    actual_value_high DECIMAL(18,4),
    actual_unit       VARCHAR,
    met               VARCHAR,
    page              INTEGER,
    table_index       INTEGER,
    row_index         INTEGER,
    raw_text          VARCHAR,
    PRIMARY KEY (document_id, indicator_index)
);

CREATE TABLE IF NOT EXISTS raw.department_totals (
    document_id              VARCHAR PRIMARY KEY,
    income_total_wan         DECIMAL(18,4),
    expenditure_total_wan    DECIMAL(18,4),
    basic_expenditure_wan    DECIMAL(18,4),
    project_expenditure_wan  DECIMAL(18,4),
    budget_initial_total_wan DECIMAL(18,4),
    carryover_total_wan      DECIMAL(18,4),
    three_public_expenses_wan DECIMAL(18,4)
);

CREATE TABLE IF NOT EXISTS raw.extraction_warnings (
    document_id   VARCHAR NOT NULL,
    warning_index INTEGER NOT NULL,
    field         VARCHAR,
    message       VARCHAR,
    PRIMARY KEY (document_id, warning_index)
);

CREATE TABLE IF NOT EXISTS raw.ingest_failures (
    source_path   VARCHAR NOT NULL,
    source_name   VARCHAR NOT NULL,
    sha256        VARCHAR,
    stage         VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL,
    message       VARCHAR,
    first_seen_at TIMESTAMP NOT NULL,
    last_seen_at  TIMESTAMP NOT NULL,
    budgets       VARCHAR,
    extractor_version VARCHAR
);

CREATE TABLE IF NOT EXISTS raw.divisions (
    code        VARCHAR(6) PRIMARY KEY,
    name        VARCHAR NOT NULL,
    level       VARCHAR NOT NULL,
    parent_code VARCHAR,
    province    VARCHAR,
    prefecture  VARCHAR,
    county      VARCHAR
);

CREATE TABLE IF NOT EXISTS raw.fetched_reports (
    source_path    VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    is_current     BOOLEAN NOT NULL,
    source         VARCHAR NOT NULL,
    publisher      VARCHAR,
    region_code    VARCHAR,
    listing_url    VARCHAR,
    article_url    VARCHAR NOT NULL,
    attachment_url VARCHAR,
    zip_member     VARCHAR,
    title          VARCHAR,
    published      VARCHAR,
    published_date DATE,
    fetched_at     TIMESTAMP,
    etag           VARCHAR,
    last_modified  VARCHAR,
    content_type   VARCHAR,
    size_bytes     BIGINT,
    PRIMARY KEY (source_path, sha256)
);

CREATE TABLE IF NOT EXISTS raw.fetch_failures (
    source        VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    kind          VARCHAR,
    article_url   VARCHAR,
    reason        VARCHAR NOT NULL,
    message       VARCHAR,
    http_status   INTEGER,
    first_seen_at TIMESTAMP,
    last_seen_at  TIMESTAMP,
    PRIMARY KEY (source, url)
);

-- Comments (English, with the Chinese term), visible to SQL users and BI tools.
COMMENT ON TABLE raw.documents IS 'One row per successfully extracted report file currently in the inbox (报告文件), keyed by the sha256 of its bytes';
COMMENT ON COLUMN raw.documents.document_id IS 'sha256 of the file bytes (文件内容哈希); the key every raw table uses';
COMMENT ON COLUMN raw.documents.source_path IS 'Path of the file as discovered (文件路径); unique among current documents';
COMMENT ON COLUMN raw.documents.source_name IS 'File name (文件名)';
COMMENT ON COLUMN raw.documents.format IS 'File format (文件格式): txt | docx | pdf | xlsx | xls | doc | html';
COMMENT ON COLUMN raw.documents.size_bytes IS 'File size in bytes (文件大小)';
COMMENT ON COLUMN raw.documents.n_pages IS 'Number of pages where the format has pages (页数)';
COMMENT ON COLUMN raw.documents.extractor_version IS 'Version of the extractor that produced the rows (抽取程序版本)';
COMMENT ON COLUMN raw.documents.loaded_at IS 'When this file''s rows were loaded, UTC (入库时间)';
COMMENT ON COLUMN raw.documents.fiscal_year IS 'The year the report evaluates (所评年度)';
COMMENT ON COLUMN raw.documents.unit_name IS 'Full name of the reporting unit (单位全称); NULL when not inferable';
COMMENT ON COLUMN raw.documents.unit_aliases IS 'Short names the report uses for the unit (简称)';
COMMENT ON COLUMN raw.documents.region_code IS 'Six-digit administrative division code of the unit''s jurisdiction (行政区划代码)';
COMMENT ON COLUMN raw.documents.province IS 'Province (省)';
COMMENT ON COLUMN raw.documents.prefecture IS 'Prefecture-level city, region or autonomous prefecture (市、地区、州)';
COMMENT ON COLUMN raw.documents.county IS 'County-level division (县、区、县级市、管理区)';
COMMENT ON COLUMN raw.documents.unit_code IS 'Budget unit code (预算单位代码)';
COMMENT ON COLUMN raw.documents.credit_code IS 'Unified social credit code (统一社会信用代码)';
COMMENT ON COLUMN raw.documents.page IS 'Page where the unit was read (页码)';
COMMENT ON COLUMN raw.documents.ocr_pages IS 'Pages whose text was read by OCR (OCR识别页数): a scan, or a page whose text layer is garbage; 0 when the file has a text layer throughout, NULL when loaded before this was recorded';
COMMENT ON COLUMN raw.documents.ocr_lines IS 'Text lines read by OCR (OCR识别行数); 0 without OCR';
COMMENT ON COLUMN raw.documents.ocr_mean_confidence IS 'Mean confidence (0-1) of the OCR engine over those lines (OCR平均置信度); NULL without OCR. Each figure''s own reading (page, box, confidence) is in extraction_json, provenance.ocr';
COMMENT ON COLUMN raw.documents.ocr_low_confidence_lines IS 'OCR lines read below JIXIAO_OCR_MIN_CONFIDENCE, 0.90 (低置信度行数); figures read only from such lines are left NULL with a warning in raw.extraction_warnings starting "OCR read "';
COMMENT ON COLUMN raw.documents.raw_text IS 'Text the unit was read from, as printed (原文)';
COMMENT ON COLUMN raw.documents.extraction_json IS 'The whole Extraction as printed by `jixiao extract --json --provenance` (抽取结果)';
COMMENT ON COLUMN raw.documents.modified_at IS 'When the content was last modified, UTC: the earliest modification time among its copies in the inbox (文件修改时间); of two versions of one report the later wins';
COMMENT ON COLUMN raw.documents.report_key IS 'Identity of the report the file holds (报告标识): a hash of unit, division code, year, report kinds with their projects and titles, and project names; NULL when the file does not say them all. Files with the same key are versions of one report, and only the newest is loaded';

COMMENT ON TABLE raw.reports IS 'Each report a file holds (报告); a file may bundle several';
COMMENT ON COLUMN raw.reports.document_id IS 'sha256 of the source file (文件内容哈希)';
COMMENT ON COLUMN raw.reports.report_index IS 'Position of the report in the Extraction, from 0 (序号)';
COMMENT ON COLUMN raw.reports.kind IS 'project_self_evaluation (项目支出绩效自评报告) | department_self_evaluation (部门整体支出绩效自评报告) | final_accounts (部门决算)';
COMMENT ON COLUMN raw.reports.title IS 'Title as printed (标题)';
COMMENT ON COLUMN raw.reports.project IS 'Project the report evaluates (项目名称), project reports only';
COMMENT ON COLUMN raw.reports.score IS 'Self-evaluation score (自评得分)';
COMMENT ON COLUMN raw.reports.grade IS 'Grade (等级): 优秀/良好/中/差 …';
COMMENT ON COLUMN raw.reports.page IS 'Provenance: 1-based page (页码)';
COMMENT ON COLUMN raw.reports.table_index IS 'Provenance: table index in the document (表格序号)';
COMMENT ON COLUMN raw.reports.row_index IS 'Provenance: row index within that table (行号)';
COMMENT ON COLUMN raw.reports.raw_text IS 'Provenance: the text the value was read from (原文)';

COMMENT ON TABLE raw.projects IS 'Each project whose money a report states (项目资金), amounts in 万元';
COMMENT ON COLUMN raw.projects.document_id IS 'sha256 of the source file (文件内容哈希)';
COMMENT ON COLUMN raw.projects.project_index IS 'Position in the Extraction, from 0 (序号)';
COMMENT ON COLUMN raw.projects.name IS 'Project name as the report names it (项目名称)';
COMMENT ON COLUMN raw.projects.budget_initial_wan IS 'Initial budget (年初预算数), 万元';
COMMENT ON COLUMN raw.projects.budget_full_year_wan IS 'Full-year budget (全年预算数 / 可执行指标), 万元';
COMMENT ON COLUMN raw.projects.executed_wan IS 'Executed (全年执行数 / 决算金额), 万元';
COMMENT ON COLUMN raw.projects.carryover_wan IS 'Carry-over and balance (结转结余), 万元';
COMMENT ON COLUMN raw.projects.execution_rate_pct IS 'Execution rate as printed (执行率), percent';
COMMENT ON COLUMN raw.projects.page IS 'Provenance: 1-based page (页码)';
COMMENT ON COLUMN raw.projects.table_index IS 'Provenance: table index in the document (表格序号)';
COMMENT ON COLUMN raw.projects.row_index IS 'Provenance: row index within that table (行号)';
COMMENT ON COLUMN raw.projects.raw_text IS 'Provenance: the text the value was read from (原文)';

COMMENT ON TABLE raw.spending_items IS 'Breakdown of what money was spent on (支出明细), amounts in 万元';
COMMENT ON COLUMN raw.spending_items.document_id IS 'sha256 of the source file (文件内容哈希)';
COMMENT ON COLUMN raw.spending_items.item_index IS 'Position in the Extraction, from 0 (序号)';
COMMENT ON COLUMN raw.spending_items.project IS 'Project the item belongs to (项目名称); NULL = the whole unit';
COMMENT ON COLUMN raw.spending_items.item IS 'What the money was spent on (支出内容), e.g. 办公费';
COMMENT ON COLUMN raw.spending_items.amount_wan IS 'Amount (金额), 万元';
COMMENT ON COLUMN raw.spending_items.page IS 'Provenance: 1-based page (页码)';
COMMENT ON COLUMN raw.spending_items.table_index IS 'Provenance: table index in the document (表格序号)';
COMMENT ON COLUMN raw.spending_items.row_index IS 'Provenance: row index within that table (行号)';
COMMENT ON COLUMN raw.spending_items.raw_text IS 'Provenance: the text the value was read from (原文)';

COMMENT ON TABLE raw.indicators IS 'Each row of a performance indicator table or list (绩效指标)';
COMMENT ON COLUMN raw.indicators.document_id IS 'sha256 of the source file (文件内容哈希)';
COMMENT ON COLUMN raw.indicators.indicator_index IS 'Position in the Extraction, from 0 (序号)';
COMMENT ON COLUMN raw.indicators.project IS 'Project the indicator belongs to (项目名称); NULL = the whole unit';
COMMENT ON COLUMN raw.indicators.level1 IS 'First-level indicator (一级指标): 产出指标, 效益指标, 满意度指标 …';
COMMENT ON COLUMN raw.indicators.level2 IS 'Second-level indicator (二级指标): 数量指标, 质量指标, 时效指标 …';
COMMENT ON COLUMN raw.indicators.name IS 'Third-level indicator, the indicator itself (三级指标)';
COMMENT ON COLUMN raw.indicators.target IS 'Annual target as printed (年度指标值)';
COMMENT ON COLUMN raw.indicators.actual IS 'Actual result as printed (实际完成值)';
COMMENT ON COLUMN raw.indicators.weight IS 'Weight, points available (分值)';
COMMENT ON COLUMN raw.indicators.score IS 'Score given (得分)';
COMMENT ON COLUMN raw.indicators.note IS 'Deviation analysis and improvement measures (偏差原因分析及改进措施)';
COMMENT ON COLUMN raw.indicators.target_comparator IS 'Comparator of the target (目标比较符): >=, <=, >, <, =, range, approx, text';
COMMENT ON COLUMN raw.indicators.target_value IS 'Numeric target, lower bound for a range (目标值)';
COMMENT ON COLUMN raw.indicators.target_value_high IS 'Upper bound of a target range (目标值上限)';
COMMENT ON COLUMN raw.indicators.target_unit IS 'Unit of measure of the target as printed (计量单位): 次, 人, %, 万元 …';
COMMENT ON COLUMN raw.indicators.actual_comparator IS 'Comparator of the actual value (实际值比较符)';
COMMENT ON COLUMN raw.indicators.actual_value IS 'Numeric actual value, lower bound for a range (实际值)';
COMMENT ON COLUMN raw.indicators.actual_value_high IS 'Upper bound of an actual range (实际值上限)';
COMMENT ON COLUMN raw.indicators.actual_unit IS 'Unit of measure of the actual value as printed (计量单位)';
COMMENT ON COLUMN raw.indicators.met IS 'Whether the target was met (是否达标): met | not_met | undecidable';
COMMENT ON COLUMN raw.indicators.page IS 'Provenance: 1-based page (页码)';
COMMENT ON COLUMN raw.indicators.table_index IS 'Provenance: table index in the document (表格序号)';
COMMENT ON COLUMN raw.indicators.row_index IS 'Provenance: row index within that table (行号)';
COMMENT ON COLUMN raw.indicators.raw_text IS 'Provenance: the text the value was read from (原文)';

COMMENT ON TABLE raw.department_totals IS 'Whole-unit money of a department or final-accounts report (部门整体收支), 万元; one row per document that states any total';
COMMENT ON COLUMN raw.department_totals.document_id IS 'sha256 of the source file (文件内容哈希)';
COMMENT ON COLUMN raw.department_totals.income_total_wan IS 'Total income (收入合计), 万元';
COMMENT ON COLUMN raw.department_totals.expenditure_total_wan IS 'Total expenditure (支出合计), 万元';
COMMENT ON COLUMN raw.department_totals.basic_expenditure_wan IS 'Basic expenditure (基本支出), 万元';
COMMENT ON COLUMN raw.department_totals.project_expenditure_wan IS 'Project expenditure (项目支出), 万元';
COMMENT ON COLUMN raw.department_totals.budget_initial_total_wan IS 'Initial budget (年初预算), 万元';
COMMENT ON COLUMN raw.department_totals.carryover_total_wan IS 'Year-end carry-over and balance (年末结转结余), 万元';
COMMENT ON COLUMN raw.department_totals.three_public_expenses_wan IS 'The "three public expenses" (三公经费), 万元';

COMMENT ON TABLE raw.extraction_warnings IS 'What the extractor or the loader left NULL and why (抽取警告)';
COMMENT ON COLUMN raw.extraction_warnings.document_id IS 'sha256 of the source file (文件内容哈希)';
COMMENT ON COLUMN raw.extraction_warnings.warning_index IS 'Position, from 0 (序号)';
COMMENT ON COLUMN raw.extraction_warnings.field IS 'Field the warning concerns (字段), e.g. projects[2].executed';
COMMENT ON COLUMN raw.extraction_warnings.message IS 'Why (说明)';

COMMENT ON TABLE raw.ingest_failures IS 'Files that could not be read, extracted or loaded (入库失败), one row per (source_path, sha256, stage)';
COMMENT ON COLUMN raw.ingest_failures.source_path IS 'Path of the file as discovered (文件路径)';
COMMENT ON COLUMN raw.ingest_failures.source_name IS 'File name (文件名)';
COMMENT ON COLUMN raw.ingest_failures.budgets IS 'For too_slow / too_large: the budgets the file was read under (预算限额); the file is tried again only when it or they change';
COMMENT ON COLUMN raw.ingest_failures.extractor_version IS 'For not_a_report: the extractor version that judged the file (抽取器版本); the file is tried again when the extractor changes';
COMMENT ON COLUMN raw.ingest_failures.sha256 IS 'sha256 of the file bytes (文件内容哈希); NULL if unreadable';
COMMENT ON COLUMN raw.ingest_failures.stage IS 'Stage that failed (失败环节): discover | read | extract | load';
COMMENT ON COLUMN raw.ingest_failures.reason IS 'Stable reason code (失败原因): empty | corrupt | encrypted | scanned_needs_ocr | unsupported_format | converter_missing | not_a_report | too_large | too_slow | unsafe | vanished | duplicate | superseded | error';
COMMENT ON COLUMN raw.ingest_failures.message IS 'What happened and what to do about it (说明)';
COMMENT ON COLUMN raw.ingest_failures.first_seen_at IS 'First time this failure was recorded, UTC (首次发现时间)';
COMMENT ON COLUMN raw.ingest_failures.last_seen_at IS 'Last time this failure was recorded, UTC (最近发现时间)';

COMMENT ON TABLE raw.divisions IS 'China''s administrative divisions (行政区划), from ingest.regions';
COMMENT ON COLUMN raw.divisions.code IS 'Six-digit division code (行政区划代码)';
COMMENT ON COLUMN raw.divisions.name IS 'Name of the division (名称)';
COMMENT ON COLUMN raw.divisions.level IS 'Level (级别): province (省级) | prefecture (地级) | county (县级)';
COMMENT ON COLUMN raw.divisions.parent_code IS 'Code of the parent division (上级区划代码)';
COMMENT ON COLUMN raw.divisions.province IS 'Province name (省)';
COMMENT ON COLUMN raw.divisions.prefecture IS 'Prefecture name (市、地区、州); NULL at province level';
COMMENT ON COLUMN raw.divisions.county IS 'County name (县、区、县级市); NULL above county level';


COMMENT ON TABLE raw.fetched_reports IS 'Where each fetched report file came from (来源): one row per version of the file the fetcher saved (ingest/fetch sidecars)';
COMMENT ON COLUMN raw.fetched_reports.source_path IS 'Path of the report file in the inbox (文件路径); joins raw.documents.source_path';
COMMENT ON COLUMN raw.fetched_reports.sha256 IS 'sha256 of this version''s bytes (文件内容哈希); raw.documents.document_id of the current version';
COMMENT ON COLUMN raw.fetched_reports.version IS 'Version number, 1 = first fetched (版本); a republished, corrected report adds one';
COMMENT ON COLUMN raw.fetched_reports.is_current IS 'True for the version now in the inbox (当前版本)';
COMMENT ON COLUMN raw.fetched_reports.source IS 'Source name in the sources file (来源名称)';
COMMENT ON COLUMN raw.fetched_reports.publisher IS 'Publisher as the sources file names it (发布单位), e.g. 某县财政局';
COMMENT ON COLUMN raw.fetched_reports.region_code IS 'Division code of the publisher''s jurisdiction from the sources file (行政区划代码)';
COMMENT ON COLUMN raw.fetched_reports.listing_url IS 'Listing page the article was found on (栏目页网址)';
COMMENT ON COLUMN raw.fetched_reports.article_url IS 'Article page of the report (文章网址); for a report linked straight from the listing, the listing page';
COMMENT ON COLUMN raw.fetched_reports.attachment_url IS 'URL of the attachment (附件网址); NULL when the article page itself is the report';
COMMENT ON COLUMN raw.fetched_reports.zip_member IS 'Name of the file inside a zip attachment (压缩包内文件名)';
COMMENT ON COLUMN raw.fetched_reports.title IS 'Article title or attachment link text as printed (标题)';
COMMENT ON COLUMN raw.fetched_reports.published IS 'Publication date as printed on the page (发布日期原文)';
COMMENT ON COLUMN raw.fetched_reports.published_date IS 'Publication date read from it (发布日期)';
COMMENT ON COLUMN raw.fetched_reports.fetched_at IS 'When this version was downloaded, UTC (抓取时间)';
COMMENT ON COLUMN raw.fetched_reports.etag IS 'HTTP ETag the server gave (validator, 校验标识)';
COMMENT ON COLUMN raw.fetched_reports.last_modified IS 'HTTP Last-Modified the server gave, as sent (最后修改时间)';
COMMENT ON COLUMN raw.fetched_reports.content_type IS 'HTTP Content-Type the server gave (内容类型)';
COMMENT ON COLUMN raw.fetched_reports.size_bytes IS 'Size of the current version in bytes (文件大小)';

COMMENT ON TABLE raw.fetch_failures IS 'Pages and attachments the last fetch of a source could not take (抓取失败), with a reason';
COMMENT ON COLUMN raw.fetch_failures.source IS 'Source name in the sources file (来源名称)';
COMMENT ON COLUMN raw.fetch_failures.url IS 'URL that failed (网址)';
COMMENT ON COLUMN raw.fetch_failures.kind IS 'What the URL was (类型): listing | article | attachment | source';
COMMENT ON COLUMN raw.fetch_failures.article_url IS 'Article page that linked the attachment (文章网址)';
COMMENT ON COLUMN raw.fetch_failures.reason IS 'Stable reason code (失败原因): not_found | server_error | timeout | dns_error | connection_error | http_error | robots_disallowed | robots_unreachable | too_large | redirect_loop | too_many_redirects | not_a_document | bad_archive | bad_url | error';
COMMENT ON COLUMN raw.fetch_failures.message IS 'What happened (说明)';
COMMENT ON COLUMN raw.fetch_failures.http_status IS 'HTTP status of the last answer, if any (HTTP 状态码)';
COMMENT ON COLUMN raw.fetch_failures.first_seen_at IS 'First fetch that failed on this URL, UTC (首次失败时间)';
COMMENT ON COLUMN raw.fetch_failures.last_seen_at IS 'Latest fetch that failed on it, UTC (最近失败时间)';
