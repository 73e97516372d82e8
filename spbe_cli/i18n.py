"""The message catalogue: everything a user reads, in Indonesian (default) and English.

Report and summary wording is `TEXT` here; located messages (errors, warnings of the
command line, help) are in the modules of `spbe_cli.msgs`, one per area. `t(lang, key)`
finds a key in either; a `Msg` is a message not yet put into words, so the code that
finds a problem need not know the language of the person who will read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from spbe_cli.msgs import MESSAGES

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")

TEXT: dict[str, dict[str, str]] = {
    "id": {
        "conf_primary": "primer",
        "conf_official-data": "data resmi",
        "conf_corroborated": "terkonfirmasi silang",
        "conf_secondary": "sekunder",
        "conf_unconfirmed": "belum terkonfirmasi",
        "part_structure": "struktur",
        "part_weights": "bobot",
        "part_domain-weights": "bobot domain",
        "part_names": "nama",
        "part_levels": "tingkat",
        "part_criteria": "kriteria",
        "part_predikat": "predikat",
        "part_rounding": "pembulatan",
        "part_guidance": "panduan",
        "report_title": "Laporan {index_name}",
        "identity": "Identitas",
        "institution": "Instansi",
        "type": "Jenis",
        "province": "Provinsi",
        "year": "Tahun",
        "stage": "Tahap",
        "rubric": "Rubrik",
        "code": "Kode",
        "index": "Indeks",
        "predikat": "Predikat",
        "exact": "nilai eksak",
        "band_scale": "Skala predikat",
        "band_scale_desc": "{index_name} {index} berada pada rentang predikat {predikat}.",
        "gap_next": "+{gap} menuju {predikat}",
        "gap_top": "Predikat tertinggi tercapai",
        "domains": "Domain",
        "aspects": "Aspek",
        "indicators": "Indikator",
        "id_col": "No",
        "name": "Nama",
        "domain": "Domain",
        "weight": "Bobot (%)",
        "level": "Tingkat",
        "level_name": "Nama tingkat",
        "contribution": "Kontribusi",
        "next_level": "Untuk naik tingkat",
        "next_level_text": "Untuk naik ke tingkat {level}: {criterion}",
        "next_level_no_criterion": (
            "Untuk naik ke tingkat {level} ({name}): kriteria belum ada di rubrik."
        ),
        "next_level_general": "Untuk naik ke tingkat {level} ({name}), panduan umum: {criterion}",
        "general_guidance_note": (
            'Rubrik ini belum memuat kriteria per indikator. "Panduan umum" adalah uraian'
            " umum setiap tingkat pada skalanya (ringkasan kami dari sumber sekunder, lihat"
            ' keyakinan sumber "guidance"), bukan kriteria resmi indikator tersebut.'
        ),
        "p_general": "Panduan umum skala: {criterion}",
        "top_level": "Tingkat tertinggi tercapai.",
        "explanation": "Penjelasan",
        "evidence": "Bukti dukung",
        "charts": "Grafik",
        "radar_aspects": "Indeks per aspek",
        "radar_domains": "Indeks per domain",
        "bars_title": "Tingkat per indikator",
        "radar_desc": "Diagram radar {what}: {values}.",
        "bars_desc": "Tingkat setiap indikator: {values}.",
        "final": "Final",
        "self": "Mandiri",
        "self_assessment": "Penilaian mandiri dibanding hasil akhir",
        "self_index": "Indeks penilaian mandiri",
        "final_index": "Indeks hasil akhir",
        "difference": "Selisih",
        "self_level": "Tingkat mandiri",
        "final_level": "Tingkat akhir",
        "gap": "Selisih",
        "no_differences": "Tingkat mandiri sama dengan tingkat akhir untuk semua indikator.",
        "warnings": "Peringatan",
        "footer": "Dibuat oleh {tool} {version} pada {time}.",
        "rubric_stamp": "Rubrik {id}, sha256 {sha}",
        "input_stamp": "Berkas jawaban {file}, sha256 {sha}",
        "confidence": "Keyakinan sumber",
        "scored_by_missing": "belum dijawab, dinilai minimum",
        "national_index": "{index_name} Nasional {year}",
        "national_source": "Sumber: {source}; keyakinan sumber: {confidence}.",
        "w_predikat-boundary": (
            "Predikat berada di batas: nilai eksak {exact_value} termasuk {exact}, tetapi nilai"
            " tampilan {display} termasuk {rounded}. Predikat mengikuti nilai {basis}."
        ),
        "w_missing-scored-at-minimum": (
            "Indikator yang belum dijawab dinilai pada tingkat minimum {minimum}: {items}."
        ),
        "w_unconfirmed-rubric": (
            "Sebagian rubrik belum terkonfirmasi ({parts}); perlakukan hasil ini sebagai indikatif."
        ),
        "w_self-assessment-incomplete": (
            "Tingkat Mandiri tidak lengkap ({items}); indeks penilaian mandiri tidak dihitung."
        ),
        "w_rubric-mismatch": (
            "Rubrik yang dimuat (sha256 {loaded}) berbeda dari rubrik hasil ini (sha256 {used});"
            " kriteria mungkin tidak cocok."
        ),
        "w_no-rubric": "Rubrik {id} tidak tersedia; kriteria tingkat tidak ditampilkan.",
        "w_rubric-year-mismatch": (
            "Rubrik {rubric} berlaku untuk tahun {years}, bukan untuk Tahun {year} (instrumen"
            " tahun {year}: {expected}). Nilai ini dihitung dengan {rubric} seperti yang"
            " disebut; periksa Rubrik dan Tahun di lembar Identitas."
        ),
        "s_rubric_year": (
            "{n} berkas dinilai dengan rubrik yang tidak berlaku untuk Tahun-nya: {names}."
        ),
        "basis_rounded": "yang dibulatkan",
        "basis_exact": "eksak",
        "s_title": "Ringkasan evaluasi: {ok} dari {n} berkas dinilai",
        "s_ranking": "Peringkat",
        "s_counts": "Jumlah per predikat",
        "s_by_type": "Rata-rata per jenis instansi",
        "s_by_province": "Rata-rata per provinsi",
        "s_errors": "Berkas bermasalah",
        "s_gates": "Tidak memenuhi ambang",
        "s_distribution": "Sebaran predikat",
        "s_footer": "Dibuat oleh {tool} pada {time}.",
        "s_rank": "Peringkat",
        "s_count": "Jumlah",
        "s_mean": "Rata-rata indeks",
        "s_file": "Berkas",
        "s_problem": "Masalah",
        "s_gate": "Ambang",
        "s_mixed": (
            "Rata-rata dihitung dalam satu kelompok (rubrik dan tahun yang sama): indeks dari"
            " instrumen atau tahun berbeda tidak dapat dirata-ratakan."
        ),
        "s_group": "Tahun {year}, rubrik {rubric}",
        "s_groups": (
            "Berkas ini terbagi atas {n} kelompok rubrik dan tahun: {names}. Peringkat dan"
            " rata-rata dihitung di dalam setiap kelompok, tidak antarkelompok."
        ),
        "x_sheet_summary": "Ringkasan",
        "x_sheet_groups": "Kelompok",
        "x_sheet_domains": "Domain",
        "x_sheet_aspects": "Aspek",
        "x_sheet_indicators": "Indikator",
        "x_sheet_problems": "Masalah",
        "x_group": "Kelompok",
        "x_boundary": "Di batas predikat",
        "x_index_exact": "Indeks (eksak)",
        "x_files": "Berkas dinilai",
        "x_mean_exact": "Rata-rata indeks (eksak)",
        "x_yes": "Ya",
        "x_no": "Tidak",
        "x_sheet_readiness": "Kesiapan",
        "x_infos": "Info",
        "x_risk_exact": "Indeks berisiko (eksak)",
        "x_drop_exact": "Dampak ke indeks (eksak)",
        "x_check_file": "Hasil (JSON)",
        "d_title": "Perubahan {index_name}: {old} → {new}",
        "d_title_batch": "Perubahan indeks: {n} instansi dicocokkan",
        "d_index": "Indeks",
        "d_old": "Lama",
        "d_new": "Baru",
        "d_delta": "Δ",
        "d_predikat": "Predikat",
        "d_up": "naik",
        "d_down": "turun",
        "d_same": "tetap",
        "d_incomparable": "tak dapat dibandingkan",
        "d_bands_differ": ("Daftar predikat kedua rubrik berbeda: predikatnya tidak dibandingkan."),
        "d_cross": (
            "Rubrik berbeda ({old} dan {new}): indikator dan batas predikat kedua instrumen"
            " berbeda, jadi hanya indeks dan predikat yang dibandingkan."
        ),
        "d_indicators": "Perubahan per indikator (diurutkan menurut dampak)",
        "d_contribution": "Kontribusi ke Δ indeks",
        "d_sum": "Jumlah kontribusi",
        "d_reached": "Tingkat yang naik",
        "d_lost": "Tingkat yang turun",
        "d_none": "Tidak ada.",
        "d_self": "Penilaian mandiri",
        "d_moves": "Perpindahan predikat",
        "d_moved_up": "{n} naik ke {predikat}",
        "d_moved_down": "{n} turun ke {predikat}",
        "d_gains": "Kenaikan terbesar",
        "d_losses": "Penurunan terbesar",
        "d_unmatched_old": "Hanya di data lama",
        "d_unmatched_new": "Hanya di data baru",
        "d_year_old": "Tahun lama",
        "d_year_new": "Tahun baru",
        "d_index_old": "Indeks lama",
        "d_index_new": "Indeks baru",
        "d_predikat_old": "Predikat lama",
        "d_predikat_new": "Predikat baru",
        "d_failed": "Berkas yang gagal diproses (tidak dibandingkan)",
        "d_failed_side": "Data",
        "d_failed_file": "Berkas yang gagal",
        "d_other_file": "Berkas tahun lainnya",
        "d_failed_reason": "Masalah",
        "d_side_old": "lama",
        "d_side_new": "baru",
        "p_title": "Rencana peningkatan {institution} menuju {target}",
        "p_current": "Indeks saat ini {index} (eksak {exact}).",
        "p_already": "Target {target} sudah tercapai.",
        "p_unreachable": (
            "Target {target} tidak dapat dicapai, bahkan dengan semua indikator di tingkat"
            " tertinggi."
        ),
        "p_steps": "{n} langkah menuju {target}: indeks menjadi {index}.",
        "p_cost": "Total upaya: {cost}.",
        "p_rounding": (
            "Target tercapai hanya berkat pembulatan: indeks eksak {index} masih di bawah"
            " {target}; dengan dasar eksak diperlukan {n} langkah."
        ),
        "p_within": (
            "Dengan paling banyak {max} langkah indeks mencapai {index}, belum mencapai {target}."
        ),
        "p_needs": "Target {target} memerlukan {n} langkah.",
        "p_capped": (
            "Target {target} tidak dapat dicapai bila tidak ada indikator yang naik lebih dari"
            " {cap} tingkat; tanpa batas itu diperlukan {n} langkah (--max-raise)."
        ),
        "p_assume": "Asumsi: {parts}.",
        "p_assume_cost_each": "setiap langkah satu tingkat berbiaya 1",
        "p_assume_cost_file": "upaya per langkah dari {source}",
        "p_assume_cap": "tidak ada indikator yang naik lebih dari {n} tingkat",
        "p_assume_no_cap": "tanpa batas kenaikan per indikator",
        "p_assume_max_steps": "paling banyak {n} langkah",
        "p_assume_target": "target {target} pada indeks {basis}",
        "p_more": "… dan {n} langkah lagi: lihat spbe plan.",
        "p_step": "Langkah",
        "p_from_to": "Tingkat",
        "p_gain": "Tambahan indeks",
        "p_after": "Indeks setelahnya",
        "p_criterion": "Yang harus dipenuhi",
        "p_recommendation": "Rekomendasi",
        "pdf_hint": (
            "Pasang Chromium, Google Chrome atau Microsoft Edge (Debian/Ubuntu: apt install"
            " chromium; macOS dan Windows: unduh dari situs resminya), atau tunjuk berkas"
            " peramban dengan variabel SPBE_BROWSER; atau buat laporan HTML (--format html)"
            " lalu cetak ke PDF dari peramban (Ctrl+P, A4)."
        ),
        "pdf_no_browser": (
            "tidak ada peramban Chromium, Google Chrome atau Microsoft Edge untuk membuat PDF."
            " {hint}"
        ),
        "pdf_bad_browser": (
            "SPBE_BROWSER menunjuk {path}, yang tidak ada atau tidak dapat dijalankan. {hint}"
        ),
        "pdf_timeout": (
            "peramban {browser} tidak selesai mencetak PDF dalam {seconds} detik dan"
            " dihentikan; naikkan batas dengan SPBE_PDF_TIMEOUT, atau buat laporan HTML"
            " (--format html) dan cetak dari peramban."
        ),
        "pdf_failed": "peramban {browser} gagal mencetak PDF: {detail}",
        "pdf_needs_output": (
            "PDF tidak ditulis ke terminal: berikan -o BERKAS.pdf (atau -o - untuk stdout)."
        ),
    },
    "en": {
        "conf_primary": "primary",
        "conf_official-data": "official-data",
        "conf_corroborated": "corroborated",
        "conf_secondary": "secondary",
        "conf_unconfirmed": "unconfirmed",
        "part_structure": "structure",
        "part_weights": "weights",
        "part_domain-weights": "domain-weights",
        "part_names": "names",
        "part_levels": "levels",
        "part_criteria": "criteria",
        "part_predikat": "predikat",
        "part_rounding": "rounding",
        "part_guidance": "guidance",
        "p_title": "Improvement plan for {institution} towards {target}",
        "p_current": "Current index {index} (exact {exact}).",
        "p_already": "The target {target} is already met.",
        "p_unreachable": (
            "The target {target} cannot be reached, even with every indicator at the top level."
        ),
        "p_steps": "{n} steps to {target}: the index becomes {index}.",
        "p_cost": "Total effort: {cost}.",
        "p_rounding": (
            "The target is reached only thanks to rounding: the exact index {index} is still"
            " below {target}; the exact basis needs {n} steps."
        ),
        "p_within": "Within {max} steps the index reaches {index}, short of {target}.",
        "p_needs": "The target {target} needs {n} steps.",
        "p_capped": (
            "The target {target} cannot be reached when no indicator is raised by more than"
            " {cap}; without that cap it takes {n} steps (--max-raise)."
        ),
        "p_assume": "Assumptions: {parts}.",
        "p_assume_cost_each": "each one-level step costs 1",
        "p_assume_cost_file": "effort per step from {source}",
        "p_assume_cap": "no indicator is raised by more than {n}",
        "p_assume_no_cap": "no limit on how far one indicator rises",
        "p_assume_max_steps": "at most {n} steps",
        "p_assume_target": "target {target} on the {basis} index",
        "p_more": "… and {n} more steps: see spbe plan.",
        "p_step": "Step",
        "p_from_to": "Level",
        "p_gain": "Index gain",
        "p_after": "Index after",
        "p_criterion": "What must be true",
        "p_recommendation": "Recommendation",
        "pdf_hint": (
            "Install Chromium, Google Chrome or Microsoft Edge (Debian/Ubuntu: apt install"
            " chromium; macOS and Windows: download it from its official site), or point the"
            " SPBE_BROWSER variable at the browser's program file; or write the HTML report"
            " (--format html) and print it to PDF from a browser (Ctrl+P, A4)."
        ),
        "pdf_no_browser": (
            "no Chromium, Google Chrome or Microsoft Edge browser found to make the PDF. {hint}"
        ),
        "pdf_bad_browser": (
            "SPBE_BROWSER points at {path}, which does not exist or cannot be run. {hint}"
        ),
        "pdf_timeout": (
            "the browser {browser} did not finish printing the PDF within {seconds} seconds"
            " and was stopped; raise the limit with SPBE_PDF_TIMEOUT, or write the HTML report"
            " (--format html) and print it from a browser."
        ),
        "pdf_failed": "the browser {browser} could not print the PDF: {detail}",
        "pdf_needs_output": (
            "a PDF is not written to a terminal: give -o FILE.pdf (or -o - for stdout)."
        ),
        "d_title": "Change in {index_name}: {old} → {new}",
        "d_title_batch": "Index changes: {n} institutions matched",
        "d_index": "Index",
        "d_old": "Old",
        "d_new": "New",
        "d_delta": "Δ",
        "d_predikat": "Predikat",
        "d_up": "up",
        "d_down": "down",
        "d_same": "unchanged",
        "d_incomparable": "not comparable",
        "d_bands_differ": (
            "The two rubrics' predikat lists differ: their predikat are not compared."
        ),
        "d_cross": (
            "Different rubrics ({old} and {new}): the instruments' indicators and predikat"
            " bands differ, so only the index and predikat are compared."
        ),
        "d_indicators": "Change per indicator (by impact)",
        "d_contribution": "Contribution to Δ index",
        "d_sum": "Sum of contributions",
        "d_reached": "Levels gained",
        "d_lost": "Levels lost",
        "d_none": "None.",
        "d_self": "Self-assessment",
        "d_moves": "Predikat moves",
        "d_moved_up": "{n} up to {predikat}",
        "d_moved_down": "{n} down to {predikat}",
        "d_gains": "Biggest gains",
        "d_losses": "Biggest losses",
        "d_unmatched_old": "Only in the old data",
        "d_unmatched_new": "Only in the new data",
        "d_year_old": "Old year",
        "d_year_new": "New year",
        "d_index_old": "Old index",
        "d_index_new": "New index",
        "d_predikat_old": "Old predikat",
        "d_predikat_new": "New predikat",
        "d_failed": "Files that failed (not compared)",
        "d_failed_side": "Data",
        "d_failed_file": "Failed file",
        "d_other_file": "Other year's file",
        "d_failed_reason": "Problem",
        "d_side_old": "old",
        "d_side_new": "new",
        "s_title": "Evaluation summary: {ok} of {n} files scored",
        "s_ranking": "Ranking",
        "s_counts": "Count per predikat",
        "s_by_type": "Average by institution type",
        "s_by_province": "Average by province",
        "s_errors": "Files with problems",
        "s_gates": "Gates missed",
        "s_distribution": "Predikat distribution",
        "s_footer": "Generated by {tool} at {time}.",
        "s_rank": "Rank",
        "s_count": "Count",
        "s_mean": "Mean index",
        "s_file": "File",
        "s_problem": "Problem",
        "s_gate": "Gate",
        "s_mixed": (
            "Averages are within one group (the same rubric and year): indices from different"
            " instruments or years cannot be averaged."
        ),
        "s_group": "Year {year}, rubric {rubric}",
        "s_groups": (
            "These files fall into {n} groups of rubric and year: {names}. Ranks and averages"
            " are computed within each group, never across groups."
        ),
        "x_sheet_summary": "Summary",
        "x_sheet_groups": "Groups",
        "x_sheet_domains": "Domains",
        "x_sheet_aspects": "Aspects",
        "x_sheet_indicators": "Indicators",
        "x_sheet_problems": "Problems",
        "x_group": "Group",
        "x_boundary": "At a predikat boundary",
        "x_index_exact": "Index (exact)",
        "x_files": "Files scored",
        "x_mean_exact": "Mean index (exact)",
        "x_yes": "Yes",
        "x_no": "No",
        "x_sheet_readiness": "Readiness",
        "x_infos": "Info",
        "x_risk_exact": "Index at risk (exact)",
        "x_drop_exact": "Cost to the index (exact)",
        "x_check_file": "Result (JSON)",
        "report_title": "{index_name} report",
        "identity": "Identity",
        "institution": "Institution (Instansi)",
        "type": "Type (Jenis)",
        "province": "Province",
        "year": "Year",
        "stage": "Stage (Tahap)",
        "rubric": "Rubric",
        "code": "Code",
        "index": "Index",
        "predikat": "Predikat (rating)",
        "exact": "exact value",
        "band_scale": "Predikat scale",
        "band_scale_desc": "{index_name} {index} lies in the {predikat} band.",
        "gap_next": "+{gap} to {predikat}",
        "gap_top": "Highest predikat reached",
        "domains": "Domains",
        "aspects": "Aspects",
        "indicators": "Indicators",
        "id_col": "No",
        "name": "Name",
        "domain": "Domain",
        "weight": "Weight (%)",
        "level": "Level",
        "level_name": "Level name",
        "contribution": "Contribution",
        "next_level": "To reach the next level",
        "next_level_text": "To reach level {level}: {criterion}",
        "next_level_no_criterion": (
            "To reach level {level} ({name}): the rubric has no criteria yet."
        ),
        "next_level_general": (
            "To reach level {level} ({name}), general guidance (in Indonesian): {criterion}"
        ),
        "general_guidance_note": (
            'This rubric has no criteria per indicator yet. "General guidance" is the'
            " general description of each level on its scale (our summary of a secondary"
            ' source, see source confidence "guidance"), not the indicator\'s official'
            " criterion."
        ),
        "p_general": "The scale's general guidance (in Indonesian): {criterion}",
        "top_level": "Highest level reached.",
        "explanation": "Explanation",
        "evidence": "Evidence",
        "charts": "Charts",
        "radar_aspects": "Index per aspect",
        "radar_domains": "Index per domain",
        "bars_title": "Level per indicator",
        "radar_desc": "Radar chart of {what}: {values}.",
        "bars_desc": "Level of each indicator: {values}.",
        "final": "Final",
        "self": "Self-assessed",
        "self_assessment": "Self-assessment against the final result",
        "self_index": "Self-assessed index",
        "final_index": "Final index",
        "difference": "Difference",
        "self_level": "Self-assessed level",
        "final_level": "Final level",
        "gap": "Gap",
        "no_differences": "The self-assessed level equals the final level for every indicator.",
        "warnings": "Warnings",
        "footer": "Generated by {tool} {version} at {time}.",
        "rubric_stamp": "Rubric {id}, sha256 {sha}",
        "input_stamp": "Answer file {file}, sha256 {sha}",
        "confidence": "Source confidence",
        "scored_by_missing": "unanswered, scored at the minimum",
        "national_index": "National {index_name} {year}",
        "national_source": "Source: {source}; source confidence: {confidence}.",
        "w_predikat-boundary": (
            "The predikat is at a boundary: the exact value {exact_value} is {exact}, but the"
            " displayed {display} is {rounded}. The predikat follows the {basis} value."
        ),
        "w_missing-scored-at-minimum": (
            "Unanswered indicators scored at the minimum level {minimum}: {items}."
        ),
        "w_unconfirmed-rubric": (
            "Parts of the rubric are unconfirmed ({parts}); treat this result as indicative."
        ),
        "w_self-assessment-incomplete": (
            "Self-assessed levels are incomplete ({items}); no self-assessed index."
        ),
        "w_rubric-mismatch": (
            "The loaded rubric (sha256 {loaded}) differs from the one this result used"
            " (sha256 {used}); criteria may not match."
        ),
        "w_no-rubric": "Rubric {id} is not available; level criteria are not shown.",
        "w_rubric-year-mismatch": (
            "Rubric {rubric} applies to {years}, not to the year {year} (the instrument for"
            " {year} is {expected}). This result was scored with {rubric} as named; check"
            " Rubrik and Tahun in the Identitas sheet."
        ),
        "s_rubric_year": (
            "{n} file(s) scored with a rubric that does not apply to their year: {names}."
        ),
        "basis_rounded": "rounded",
        "basis_exact": "exact",
    },
}


def t(lang: Lang, key: str, **params: object) -> str:
    """The text of `key` in `lang`, its `{params}` filled (a `Msg` param in the same lang)."""
    template = TEXT[lang].get(key)
    if template is None:
        template = MESSAGES[lang][key]
    if params:
        filled = {k: v.text(lang) if isinstance(v, Msg) else v for k, v in params.items()}
        return template.format(**filled)
    return template


def default_lang(environ: Mapping[str, str]) -> Lang:
    """The language when no --lang is given: `SPBE_LANG` (id or en), else Indonesian."""
    return "en" if environ.get("SPBE_LANG", "").strip().lower() == "en" else "id"


@dataclass(frozen=True, slots=True)
class Msg:
    """A catalogue message with its values, put into words by whoever shows it."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        return t(lang, self.key, **self.params)

    def __str__(self) -> str:
        return self.text("id")


def msg(key: str, **params: object) -> Msg:
    return Msg(key, params)


def in_words(text: Msg | str, lang: Lang) -> str:
    """A message or a verbatim text (a cell reference, a sheet name) in `lang`."""
    return text.text(lang) if isinstance(text, Msg) else text


def gloss(lang: Lang, name: str, english: str | None) -> str:
    """Official Indonesian term, with its English gloss in English reports."""
    if lang == "en" and english:
        return f"{name} ({english})"
    return name


# `spbe check`: findings (`c_CODE`, `c_CODE_REASON` where a reason changes the sentence),
# what to fix (`fx_CODE`), and the checklist's labels (`ck_`).
CHECK_TEXT: dict[str, dict[str, str]] = {
    "id": {
        "c_no-evidence": "Tingkat {level} diklaim tanpa Bukti Dukung.",
        "c_no-explanation": "Tingkat {level} diklaim tanpa Penjelasan.",
        "c_evidence-missing": "Berkas tidak ditemukan: {item}",
        "c_evidence-empty": "Berkas atau folder kosong: {item}",
        "c_evidence-type_mismatch": "Isi berkas {item} tidak sesuai dengan ekstensinya.",
        "c_evidence-type_unsupported": "Jenis berkas {item} tidak dapat dibuka penilai.",
        "c_evidence-type_special": "{item} bukan berkas biasa.",
        "c_evidence-outside": (
            "Jalur {item} keluar dari folder jawaban atau --evidence; berkas tidak dibuka."
        ),
        "c_evidence-folder_missing": "Tidak ada folder bukti untuk indikator ini di --evidence.",
        "c_evidence-folder_empty": "Folder bukti indikator ini di --evidence kosong.",
        "c_evidence-url_space": "Alamat tidak valid (berisi spasi): {item}",
        "c_evidence-url_scheme": "Alamat tidak valid (bukan http/https): {item}",
        "c_evidence-url_host": "Alamat tidak valid (nama host salah): {item}",
        "c_evidence-url_form": "Alamat tidak valid: {item}",
        "c_evidence-shared": (
            "{item} adalah satu-satunya bukti juga untuk indikator {others} dengan tingkat berbeda."
        ),
        "c_jump": "Tingkat naik dari {previous} ke {level} (lebih dari satu tingkat) tanpa"
        " Penjelasan.",
        "c_drop": "Tingkat turun dari {previous} ke {level}.",
        "c_self-gap": "Tingkat Mandiri {self_level} dan Tingkat {level} berselisih dua tingkat"
        " atau lebih.",
        "c_described": "Bukti berupa uraian, tidak dapat dipastikan: {item}",
        "fx_no-evidence": "Isi Bukti Dukung dengan dokumen atau tautan yang membuktikan tingkat"
        " ini.",
        "fx_no-explanation": "Jelaskan dalam Penjelasan bagaimana kriteria tingkat ini terpenuhi.",
        "fx_evidence-missing": "Tambahkan berkasnya atau perbaiki nama dan jalurnya.",
        "fx_evidence-empty": "Ganti dengan berkas yang berisi dokumennya.",
        "fx_evidence-type": "Simpan ulang sebagai PDF atau jenis umum dengan ekstensi yang benar.",
        "fx_evidence-outside": (
            "Pindahkan berkas ke folder bukti dukung dan rujuk dengan jalur relatif."
        ),
        "fx_evidence-folder": "Isi folder indikator ini dengan bukti dukungnya.",
        "fx_evidence-url": "Perbaiki alamatnya (https://…).",
        "fx_evidence-shared": "Lampirkan bukti khusus untuk setiap indikator.",
        "fx_jump": "Jelaskan kenaikan ini dalam Penjelasan.",
        "fx_drop": "Pastikan penurunan ini memang benar.",
        "fx_self-gap": "Samakan Tingkat Mandiri dengan Tingkat, atau jelaskan selisihnya.",
        "fx_described": "Lampirkan dokumennya bila ada.",
        "sev_error": "galat",
        "sev_warning": "peringatan",
        "sev_info": "info",
        "ck_title": "Kesiapan bukti dukung — {institution} ({year})",
        "ck_counts": "{error} galat, {warning} peringatan, {info} info",
        "ck_headline": "{n} klaim tanpa bukti: {index} {predikat} → {risk} {risk_predikat} jika"
        " ditolak",
        "ck_ready": "Tidak ada galat: setiap klaim memiliki bukti yang dapat diperiksa.",
        "ck_no_risk": (
            "Galat hanya pada indikator di tingkat minimum: indeks {index} tidak berisiko."
        ),
        "ck_at_risk": "Indikator berisiko (dampak terbesar ke indeks lebih dulu)",
        "ck_checklist": "Daftar periksa per indikator",
        "ck_level": "Tingkat diklaim",
        "ck_to": "Jika ditolak",
        "ck_drop": "Dampak ke indeks",
        "ck_findings": "Temuan",
        "ck_fix": "Yang harus diperbaiki",
        "ck_owner": "Penanggung jawab",
        "ck_location": "Sel",
        "ck_severity": "Tingkat temuan",
        "ck_clean": "{n} indikator tanpa temuan.",
        "ck_previous": "Dibandingkan dengan tahun sebelumnya: {file}.",
        "ck_previous_other": (
            "Tahun sebelumnya ({file}) memakai rubrik lain ({rubric}); tingkat tidak dibandingkan."
        ),
        "ck_previous_unmatched": "tidak ada data tahun sebelumnya untuk {institution}",
        "ck_exact": "eksak",
        "ck_summary_title": "Kesiapan bukti dukung: {ok} dari {n} berkas diperiksa",
        "ck_errors": "Galat",
        "ck_warnings": "Peringatan",
        "ck_risk_index": "Indeks berisiko",
        "ck_risk_predikat": "Predikat berisiko",
        "w_evidence-ready": (
            "Kesiapan bukti dukung: {errors} galat, {warnings} peringatan; indeks tidak berisiko"
            " (lihat spbe check)."
        ),
        "w_evidence-readiness": (
            "Kesiapan bukti dukung: {errors} galat, {warnings} peringatan; {n} klaim tanpa"
            " bukti: {index} → {risk} {risk_predikat} jika ditolak (lihat spbe check)."
        ),
    },
    "en": {
        "c_no-evidence": "Level {level} claimed with no evidence (Bukti Dukung).",
        "c_no-explanation": "Level {level} claimed with no explanation (Penjelasan).",
        "c_evidence-missing": "File not found: {item}",
        "c_evidence-empty": "Empty file or folder: {item}",
        "c_evidence-type_mismatch": "The content of {item} does not match its extension.",
        "c_evidence-type_unsupported": "{item} is a file type an assessor cannot open.",
        "c_evidence-type_special": "{item} is not a regular file.",
        "c_evidence-outside": (
            "The path {item} leaves the answer file's folder or --evidence; it was not opened."
        ),
        "c_evidence-folder_missing": "No evidence folder for this indicator in --evidence.",
        "c_evidence-folder_empty": "This indicator's evidence folder in --evidence is empty.",
        "c_evidence-url_space": "Malformed URL (it contains a space): {item}",
        "c_evidence-url_scheme": "Malformed URL (not http/https): {item}",
        "c_evidence-url_host": "Malformed URL (bad host name): {item}",
        "c_evidence-url_form": "Malformed URL: {item}",
        "c_evidence-shared": (
            "{item} is also the only evidence of indicator(s) {others}, at a different level."
        ),
        "c_jump": "Level raised from {previous} to {level} (more than one step) with no"
        " explanation.",
        "c_drop": "Level lowered from {previous} to {level}.",
        "c_self-gap": "Self-assessed level {self_level} and level {level} differ by two or more.",
        "c_described": "Evidence described in words, cannot be confirmed: {item}",
        "fx_no-evidence": "Fill in Bukti Dukung with a document or link proving this level.",
        "fx_no-explanation": "Explain in Penjelasan how this level's criterion is met.",
        "fx_evidence-missing": "Add the file or correct its name and path.",
        "fx_evidence-empty": "Replace it with a file holding the document.",
        "fx_evidence-type": "Save it again as PDF or a common type with the right extension.",
        "fx_evidence-outside": "Move the file into the evidence folder; refer to it by a"
        " relative path.",
        "fx_evidence-folder": "Put this indicator's evidence in its folder.",
        "fx_evidence-url": "Correct the address (https://…).",
        "fx_evidence-shared": "Attach evidence specific to each indicator.",
        "fx_jump": "Explain the rise in Penjelasan.",
        "fx_drop": "Make sure the fall is intended.",
        "fx_self-gap": "Align the self-assessed level with the level, or explain the gap.",
        "fx_described": "Attach the document if there is one.",
        "sev_error": "error",
        "sev_warning": "warning",
        "sev_info": "info",
        "ck_title": "Evidence readiness — {institution} ({year})",
        "ck_counts": "{error} errors, {warning} warnings, {info} info",
        "ck_headline": "{n} unsupported claims: {index} {predikat} → {risk} {risk_predikat} if"
        " rejected",
        "ck_ready": "No errors: every claim has evidence that can be checked.",
        "ck_no_risk": "Errors only on indicators at the minimum level: the index {index} is not"
        " at risk.",
        "ck_at_risk": "Indicators at risk (largest cost to the index first)",
        "ck_checklist": "Checklist per indicator",
        "ck_level": "Level claimed",
        "ck_to": "If rejected",
        "ck_drop": "Cost to the index",
        "ck_findings": "Findings",
        "ck_fix": "What to fix",
        "ck_owner": "Owner",
        "ck_location": "Cell",
        "ck_severity": "Severity",
        "ck_clean": "{n} indicators without findings.",
        "ck_previous": "Compared with the previous year: {file}.",
        "ck_previous_other": (
            "The previous year ({file}) used another rubric ({rubric}); levels not compared."
        ),
        "ck_previous_unmatched": "no previous year's data for {institution}",
        "ck_exact": "exact",
        "ck_summary_title": "Evidence readiness: {ok} of {n} files checked",
        "ck_errors": "Errors",
        "ck_warnings": "Warnings",
        "ck_risk_index": "Index at risk",
        "ck_risk_predikat": "Predikat at risk",
        "w_evidence-ready": (
            "Evidence readiness (Kesiapan bukti dukung): {errors} errors, {warnings} warnings;"
            " the index is not at risk (see spbe check)."
        ),
        "w_evidence-readiness": (
            "Evidence readiness (Kesiapan bukti dukung): {errors} errors, {warnings} warnings;"
            " {n} unsupported claims: {index} → {risk} {risk_predikat} if rejected (see spbe"
            " check)."
        ),
    },
}
for _lang, _texts in CHECK_TEXT.items():
    TEXT[_lang].update(_texts)


def code_word(lang: Lang, prefix: str, code: str) -> str:
    """A code of the rubric format (a confidence, a provenance part) in words, if known."""
    key = f"{prefix}_{code}"
    return t(lang, key) if key in TEXT[lang] else code
