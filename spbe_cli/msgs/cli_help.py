"""--help of every command (`help.CMD`) and option (`help.CMD.PARAM`, or `help.opt.PARAM`
for an option several commands share); `spbe rubrics show` is `help.rubrics.show`."""

ID: dict[str, str] = {
    "help.spbe": (
        "Hitung indeks SPBE / Pemerintah Digital secara eksak dan tulis laporannya.\n\n"
        "Kode keluar: 0 berhasil, 1 ambang (gate) tidak terpenuhi, 2 masukan atau"
        " penggunaan salah."
    ),
    "help.score": ("Nilai jawaban satu instansi: tabel, JSON, atau laporan Markdown/HTML/PDF."),
    "help.report": (
        "Buat laporan Markdown, HTML atau PDF dari hasil tersimpan (JSON), tanpa buku kerja."
    ),
    "help.template": "Tulis buku kerja jawaban baku untuk sebuah rubrik, siap diisi.",
    "help.diff": ("Apa yang berubah antara dua tahun: indeks, predikat, domain, aspek, indikator."),
    "help.plan": (
        "Jalan termurah menuju predikat berikutnya (atau --target), dengan syarat setiap langkah."
    ),
    "help.check": (
        "Periksa bukti dukung setiap tingkat yang diklaim sebelum asesor memeriksanya.\n\n"
        "Kode keluar: 0 tanpa temuan galat, 1 ada temuan galat (juga peringatan dengan"
        " --strict), 2 masukan salah."
    ),
    "help.batch": (
        "Nilai banyak instansi sekaligus: hasil, laporan, ringkasan berperingkat, ambang CI."
    ),
    "help.rubrics": "Daftar, tampilkan dan periksa berkas rubrik.",
    "help.rubrics.show": "Tampilkan struktur, bobot, skala dan rentang predikat sebuah rubrik.",
    "help.rubrics.schema": ("Cetak JSON Schema berkas rubrik, untuk editor dan penyusun rubrik."),
    "help.rubrics.check": (
        "Validasi berkas rubrik buatan sendiri; setiap masalah dengan baris dan jalur kolomnya."
    ),
    # options several commands share
    "help.opt.max_raise": (
        "Rencana (dan Rekomendasi laporan): tidak ada indikator yang naik lebih dari N tingkat."
    ),
    "help.opt.costs": "Upaya per indikator (YAML atau CSV) untuk Rekomendasi laporan.",
    "help.opt.help": "Tampilkan bantuan ini lalu keluar.",
    "help.opt.rubric": "Id rubrik bawaan atau berkas rubrik YAML.",
    "help.opt.fmt": "Format keluaran (bawaan: tabel; pdf untuk -o BERKAS.pdf).",
    "help.opt.output": "Tulis ke sini ('-' = stdout); ekstensinya dapat menentukan format.",
    "help.opt.lang": "Bahasa keluaran (id atau en); bawaan: SPBE_LANG, jika tidak ada id.",
    "help.opt.generated_at": (
        "Waktu yang dicap pada laporan (ISO 8601); bawaan SOURCE_DATE_EPOCH, jika tidak"
        " ada saat ini."
    ),
    "help.opt.missing": (
        "Indikator yang belum dijawab: galat, atau dinilai pada tingkat minimum skala."
    ),
    "help.opt.predikat_basis": (
        "Predikat dari indeks yang dibulatkan (bawaan rubrik) atau dari nilai eksak."
    ),
    "help.opt.fail_under": "Ambang: keluar 1 bila indeks di bawah nilai ini.",
    "help.opt.min_predikat": "Ambang: keluar 1 bila predikat di bawah predikat ini.",
    "help.opt.min_domain": ("Ambang: ID=NILAI untuk sebuah domain atau aspek (boleh diulang)."),
    "help.score.file": "Jawaban: .xlsx .xlsm .xls .ods .csv .yaml .json",
    "help.report.result_file": "Hasil JSON dari `spbe score -f json`.",
    "help.report.fmt": "Format laporan (bawaan: html; pdf untuk -o BERKAS.pdf).",
    "help.report.rubric": "Berkas rubrik, untuk hasil dari rubrik buatan sendiri.",
    "help.template.output": "Tempat menulis berkas .xlsx.",
    "help.template.rubric": (
        "Id rubrik bawaan atau berkas rubrik YAML (bawaan: rubrik untuk --year, jika tidak"
        " ada untuk tahun ini)."
    ),
    "help.template.institution": "Isi Instansi terlebih dahulu.",
    "help.template.year": "Isi Tahun terlebih dahulu; tahun menentukan rubriknya.",
    "help.diff.old": "Jawaban atau hasil JSON yang lebih lama (atau folder/ringkasan).",
    "help.diff.new": "Jawaban atau hasil JSON yang lebih baru (atau folder/ringkasan).",
    "help.diff.fail_on_drop": (
        "Ambang: keluar 1 bila indeks turun lebih dari TOL (tanpa nilai: TOL 0)."
    ),
    "help.diff.fail_on_predikat_drop": "Ambang: keluar 1 bila predikat turun.",
    "help.plan.file": "Jawaban (format apa pun) atau hasil JSON.",
    "help.plan.target": "Sebuah predikat (Baik) atau indeks (3.0); bawaan: predikat berikutnya.",
    "help.plan.costs": "Upaya per indikator (YAML atau CSV).",
    "help.plan.max_steps": "Rencana terbaik dengan paling banyak N langkah.",
    "help.plan.fmt": "Format keluaran (bawaan: tabel, atau menurut ekstensi -o).",
    "help.plan.predikat_basis": (
        "Capai target pada indeks yang dibulatkan (bawaan rubrik) atau pada nilai eksak."
    ),
    "help.check.paths": "Satu berkas jawaban, atau folder (rekursif) dan pola glob.",
    "help.check.evidence": (
        "Folder bukti dukung (jalur relatif terhadapnya atau terhadap berkas jawaban)."
    ),
    "help.check.previous": (
        "Jawaban atau hasil JSON tahun lalu (untuk folder: sebuah folder atau summary.json)."
    ),
    "help.check.strict": "Keluar 1 juga karena peringatan, tidak hanya karena galat.",
    "help.check.output": "Tulis ke sini ('-' = stdout); untuk folder, folder keluarannya.",
    "help.batch.paths": "Berkas jawaban, folder (rekursif) atau pola glob.",
    "help.batch.out_dir": "Folder untuk hasil dan ringkasan.",
    "help.batch.jobs": "Jumlah proses paralel (0: satu per inti prosesor).",
    "help.batch.reports": "Laporan per instansi: md, html, pdf (dipisah koma).",
    "help.batch.quiet": "Cetak hanya masalah.",
    "help.batch.allow_invalid": "Keluar 0 walaupun ada berkas yang tidak sah.",
    "help.diff.allow_invalid": (
        "Folder: keluar 0 walaupun ada berkas yang gagal (berkas itu tetap dicantumkan)."
    ),
    "help.batch.verbose": "Cantumkan juga setiap berkas yang dilewati, beserta alasannya.",
    "help.rubrics.show.rubric": "Id rubrik bawaan atau berkas YAML.",
    "help.rubrics.check.file": "Sebuah berkas rubrik YAML.",
}

EN: dict[str, str] = {
    "help.spbe": (
        "Compute the SPBE / Pemerintah Digital index exactly and write reports.\n\n"
        "Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage."
    ),
    "help.score": "Score one institution's answers: a table, JSON, or a Markdown/HTML/PDF report.",
    "help.report": (
        "Render a saved result (JSON) as a Markdown, HTML or PDF report, without the workbook."
    ),
    "help.template": "Write the canonical answer workbook for a rubric, ready to fill in.",
    "help.diff": "What changed between two years: index, predikat, domains, aspects, indicators.",
    "help.plan": (
        "The cheapest path to the next predikat (or --target), with what each step requires."
    ),
    "help.check": (
        "Check the evidence (Bukti Dukung) behind each claimed level before the assessors"
        " do.\n\nExit codes: 0 no error findings, 1 error findings (warnings too with"
        " --strict), 2 bad input."
    ),
    "help.batch": (
        "Score many institutions in one run: results, reports, ranked summaries, CI gates."
    ),
    "help.rubrics": "List, show and check rubric files.",
    "help.rubrics.show": "Show a rubric's structure, weights, scales and predikat bands.",
    "help.rubrics.schema": (
        "Print the JSON Schema of rubric files, for editors and rubric authors."
    ),
    "help.rubrics.check": (
        "Validate a custom rubric file; every problem with its line and field path."
    ),
    "help.opt.max_raise": (
        "The plan (and the report's Rekomendasi): no indicator rises more than N levels."
    ),
    "help.opt.costs": "Effort per indicator (YAML or CSV) for the report's Rekomendasi.",
    "help.opt.help": "Show this help and exit.",
    "help.opt.rubric": "Built-in rubric id or a rubric YAML file.",
    "help.opt.fmt": "Output format (default: table; pdf for -o FILE.pdf).",
    "help.opt.output": "Write here ('-' = stdout); the extension may say the format.",
    "help.opt.lang": "Output language (id or en); default: SPBE_LANG, else id.",
    "help.opt.generated_at": (
        "Time stamped in reports (ISO 8601); default SOURCE_DATE_EPOCH, else now."
    ),
    "help.opt.missing": "Unanswered indicators: an error, or scored at the scale minimum.",
    "help.opt.predikat_basis": ("Classify the rounded index (rubric default) or the exact one."),
    "help.opt.fail_under": "Gate: exit 1 when the index is below this.",
    "help.opt.min_predikat": "Gate: exit 1 below this predikat.",
    "help.opt.min_domain": "Gate: ID=VALUE for a domain or aspect (repeatable).",
    "help.score.file": "Answers: .xlsx .xlsm .xls .ods .csv .yaml .json",
    "help.report.result_file": "A result JSON from `spbe score -f json`.",
    "help.report.fmt": "Report format (default: html; pdf for -o FILE.pdf).",
    "help.report.rubric": "The rubric file, for results of a custom rubric.",
    "help.template.output": "Where to write the .xlsx.",
    "help.template.rubric": (
        "Built-in rubric id or a rubric YAML file (default: the rubric of --year, else of"
        " this year)."
    ),
    "help.template.institution": "Pre-fill Instansi.",
    "help.template.year": "Pre-fill Tahun; picks its rubric.",
    "help.diff.old": "Older answers or result JSON (or a folder/summary).",
    "help.diff.new": "Newer answers or result JSON (or a folder/summary).",
    "help.diff.fail_on_drop": (
        "Gate: exit 1 when the index falls by more than TOL (bare flag: TOL 0)."
    ),
    "help.diff.fail_on_predikat_drop": "Gate: exit 1 when the predikat falls.",
    "help.plan.file": "Answers (any format) or a result JSON.",
    "help.plan.target": "A predikat (Baik) or an index (3.0); default next.",
    "help.plan.costs": "Effort per indicator (YAML or CSV).",
    "help.plan.max_steps": "The best plan of at most N steps.",
    "help.plan.fmt": "Output format (default: table, or -o's extension).",
    "help.plan.predikat_basis": (
        "Reach the target on the rounded index (rubric default) or exact."
    ),
    "help.check.paths": "An answer file, or folders (recursive) and globs.",
    "help.check.evidence": "Evidence folder (paths are relative to it or to the answers).",
    "help.check.previous": (
        "Last year's answers or result JSON (for folders: a folder or summary.json)."
    ),
    "help.check.strict": "Exit 1 on warnings too, not only on errors.",
    "help.check.output": "Write here ('-' = stdout); for folders, the output folder.",
    "help.batch.paths": "Answer files, folders (recursive) or globs.",
    "help.batch.out_dir": "Folder for results and summaries.",
    "help.batch.jobs": "Parallel workers (0: one per core).",
    "help.batch.reports": "Per-institution reports: md, html, pdf (comma list).",
    "help.batch.quiet": "Print only problems.",
    "help.batch.allow_invalid": "Exit 0 even when some files are invalid.",
    "help.diff.allow_invalid": "Folders: exit 0 even when some files failed (still listed).",
    "help.batch.verbose": "Also list every file skipped, and why.",
    "help.rubrics.show.rubric": "Built-in id or YAML file.",
    "help.rubrics.check.file": "A rubric YAML file.",
}
