//! The `rtl-article` command-line tool: import, render and annotate news
//! articles from the shell, one file at a time or a JSON Lines archive in
//! parallel.
//!
//! ```text
//! rtl-article import tests/fixtures/seed-raqqa.txt            # article JSON
//! rtl-article render tests/fixtures/seed-raqqa.txt --standalone > seed.html
//! rtl-article annotate article.json --catalog catalog.json --published 2017-05-31
//! rtl-article render --jsonl archive.jsonl > rendered.jsonl   # batch, every core
//! rtl-article catalog catalog.json -o catalog.bin             # compile a catalog
//! rtl-article render article.json --notes notes.json          # with editorial notes
//! rtl-article reanchor --article edited.json --annotations saved.json
//! ```
//!
//! Bad input exits with status 1 and one line on stderr that names the field
//! or line at fault; usage errors exit with status 2.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use rtl_article::anchor::{self, Document};
use rtl_article::annotate::{catalog::Catalog, w3c};
use rtl_article::date::Timestamp;
use rtl_article::ingest::{Imported, Limits};
use rtl_article::render::{DigitStyle, QuoteStyle};
use rtl_article::{Builder, Error, ErrorKind, Format as InputFormat};

#[derive(Parser)]
#[command(
    name = "rtl-article",
    version,
    about = "Render and annotate right-to-left news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read an article and print it as JSON (the documented input format).
    Import {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Print the article as semantic RTL HTML (a fragment, or a whole page).
    Render {
        #[command(flatten)]
        input: InputArgs,
        /// A whole HTML page with the stylesheet, instead of an `<article>` fragment.
        #[arg(long)]
        standalone: bool,
        /// How quotation marks are shown.
        #[arg(long, value_enum, default_value_t = Quotes::Keep)]
        quotes: Quotes,
        /// How digits are shown.
        #[arg(long, value_enum, default_value_t = Digits::Keep)]
        digits: Digits,
        /// Language tag put on Latin-script runs, so screen readers switch voice.
        #[arg(long, default_value = "en", value_name = "LANG")]
        latin_lang: String,
        #[command(flatten)]
        annotation: AnnotationArgs,
        /// Mark up mentions, dates, numbers and quotations (implied by
        /// --catalog, --published and --gazetteer).
        #[arg(long, conflicts_with = "no_annotate")]
        annotate: bool,
        /// Render without annotations, even with --catalog.
        #[arg(long)]
        no_annotate: bool,
        /// Editorial notes to show (W3C annotations: an AnnotationCollection,
        /// an array or one annotation, in JSON): fact-checks, corrections,
        /// footnotes, glossary entries.
        #[arg(long, value_name = "NOTES.json")]
        notes: Option<PathBuf>,
    },
    /// Anchor saved annotations (W3C JSON) in an edited article: print them
    /// with updated selectors, and `"orphan": true` on those whose words
    /// are gone. Fields this tool does not know are kept.
    Reanchor {
        /// The article as it is now.
        #[arg(long, value_name = "FILE")]
        article: PathBuf,
        /// Input format of the article; guessed from the extension when absent.
        #[arg(long, value_enum)]
        from: Option<Format>,
        /// The annotations: an AnnotationCollection, an array or one annotation.
        #[arg(long, value_name = "FILE")]
        annotations: PathBuf,
    },
    /// Print W3C Web Annotations (JSON array) for the article's mentions,
    /// dates, numbers and quotations.
    Annotate {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        annotation: AnnotationArgs,
    },
    /// Compile a catalog (JSON) to the compact binary form that `--catalog
    /// FILE.bin` and the browser's `Catalog.fromBytes` load.
    Catalog {
        /// The catalog JSON: an array of entities, or `{"entities": [...]}`.
        catalog: PathBuf,
        /// Where to write the compiled catalog (conventionally `.bin`).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(clap::Args)]
struct InputArgs {
    /// The article file, or `-` for standard input.
    file: PathBuf,
    /// Input format; guessed from the extension (.json, .txt, .html) when absent.
    #[arg(long, value_enum)]
    from: Option<Format>,
    /// Read JSON Lines (one article per line) and write JSON Lines, using every core.
    /// A bad line is reported on stderr with its line number and skipped.
    #[arg(long)]
    jsonl: bool,
}

#[derive(clap::Args)]
struct AnnotationArgs {
    /// The publisher's topic catalog (JSON, or a compiled `.bin` catalog).
    #[arg(long, value_name = "CATALOG")]
    catalog: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD) for resolving relative dates, when the
    /// article does not carry one.
    #[arg(long, value_name = "YYYY-MM-DD")]
    published: Option<String>,
    /// Also find countries and major cities from the built-in gazetteer.
    #[arg(long)]
    gazetteer: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Json,
    Text,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum Quotes {
    /// As typed.
    Keep,
    /// “…” and "…" become «…».
    Guillemets,
}

#[derive(Clone, Copy, ValueEnum)]
enum Digits {
    /// As typed.
    Keep,
    /// 0-9.
    Western,
    /// ٠-٩.
    ArabicIndic,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("rtl-article: {err}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Import { input } => {
            let builder = Builder::new();
            process(&input, &builder, |imported: Imported| to_json(&imported.article))
        }
        Command::Render {
            input,
            standalone,
            quotes,
            digits,
            latin_lang,
            annotation,
            annotate,
            no_annotate,
            notes,
        } => {
            let mut builder = annotation_builder(&annotation)?
                .page(standalone)
                .quotes(match quotes {
                    Quotes::Keep => QuoteStyle::Keep,
                    Quotes::Guillemets => QuoteStyle::Guillemets,
                })
                .digits(match digits {
                    Digits::Keep => DigitStyle::Keep,
                    Digits::Western => DigitStyle::Western,
                    Digits::ArabicIndic => DigitStyle::ArabicIndic,
                })
                .latin_lang(latin_lang);
            if annotate {
                builder = builder.annotate(true);
            } else if no_annotate {
                builder = builder.annotate(false);
            }
            if let Some(path) = &notes {
                builder = builder.notes_json(&read_json(path)?, &path.display().to_string())?;
            }
            builder.check()?;
            let jsonl = input.jsonl;
            let job = |imported: Imported| -> Result<String, Error> {
                let seen = imported.warnings.len();
                let out = builder.run_imported(imported)?;
                if !jsonl {
                    // The import's own warnings were printed already.
                    for warning in &out.warnings[seen.min(out.warnings.len())..] {
                        eprintln!("rtl-article: warning: {warning}");
                    }
                }
                // In batch mode each output line is one JSON string of HTML.
                if jsonl {
                    to_json(&out.html)
                } else {
                    Ok(out.html)
                }
            };
            process(&input, &builder, job)
        }
        Command::Reanchor {
            article,
            from,
            annotations,
        } => reanchor(&article, from, &annotations),
        Command::Catalog { catalog, output } => {
            let compiled = load_catalog(&catalog)?;
            for warning in compiled.warnings() {
                eprintln!("rtl-article: warning: {}: {warning}", catalog.display());
            }
            let bytes = compiled.to_bytes();
            std::fs::write(&output, &bytes).map_err(|e| io_error(&output, e))?;
            eprintln!(
                "{}: {} entities, {} bytes",
                output.display(),
                compiled.len(),
                bytes.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Annotate { input, annotation } => {
            let builder = annotation_builder(&annotation)?.annotate(true);
            builder.check()?;
            let job = |imported: Imported| -> Result<String, Error> {
                // The annotations only: nothing is rendered.
                let out = builder.annotate_imported(imported)?;
                to_json(&w3c::to_w3c(&out.article, &out.annotations))
            };
            process(&input, &builder, job)
        }
    }
}

/// `reanchor`: the saved annotations anchored in the article as it is now,
/// printed in the shape they came in.
fn reanchor(article: &Path, from: Option<Format>, annotations: &Path) -> Result<ExitCode, Error> {
    let source = read_input(article, Limits::default().max_input_bytes)?;
    let format = match from {
        Some(f) => f,
        None => guess_format(article)?,
    };
    let builder = Builder::new().format(match format {
        Format::Json => InputFormat::Json,
        Format::Text => InputFormat::Text,
        Format::Html => InputFormat::Html,
    });
    let imported = builder.import(&source)?;
    let document = Document::from_article(&imported.article);
    let saved = read_json(annotations)?;
    let path = annotations.display().to_string();
    let read = anchor::w3c::read_collection(&saved, &path)?;
    let (mut placed, mut orphans, mut whole) = (0, 0, 0);
    let items: Vec<serde_json::Value> = read
        .into_iter()
        .map(|(mut annotation, raw)| {
            let anchored = annotation.selector.is_some();
            match (anchored, document.reanchor(&mut annotation)) {
                (false, _) => whole += 1,
                (true, Some(_)) => placed += 1,
                (true, None) => orphans += 1,
            }
            annotation.write(Some(&raw))
        })
        .collect();
    // The same shape as the input: a collection keeps its other fields.
    let out = match saved {
        serde_json::Value::Array(_) => serde_json::Value::Array(items),
        serde_json::Value::Object(mut map) if map.contains_key("first") || map.contains_key("items") => {
            if let Some(serde_json::Value::Object(first)) = map.get_mut("first") {
                first.insert("items".into(), serde_json::Value::Array(items));
            } else {
                map.insert("items".into(), serde_json::Value::Array(items));
            }
            serde_json::Value::Object(map)
        }
        _ => items.into_iter().next().unwrap_or(serde_json::Value::Null),
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", to_json(&out)?)?;
    eprintln!("rtl-article: {placed} placed, {orphans} orphaned, {whole} on the whole article");
    Ok(ExitCode::SUCCESS)
}

/// A JSON file, with errors that start with its path.
fn read_json(path: &Path) -> Result<serde_json::Value, Error> {
    let text = read_input(path, Limits::default().max_input_bytes)?;
    serde_json::from_str(&text).map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            format!("{}: line {}, column {}: {e}", path.display(), e.line(), e.column()),
        )
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::new(ErrorKind::Invalid, e.to_string()))
}

/// A catalog file: compiled (`.bin`) or JSON; errors start with the path.
fn load_catalog(path: &Path) -> Result<Catalog, Error> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    if path.extension().is_some_and(|e| e == "bin") {
        Catalog::from_bytes(&bytes)
    } else {
        let text =
            String::from_utf8(bytes).map_err(|_| Error::invalid(path.display(), "the catalog is not UTF-8 text"))?;
        Catalog::from_json(&text)
    }
    .map_err(|e| Error::new(e.kind(), format!("{}: {e}", path.display())))
}

/// The builder with the catalog, publication date and gazetteer given.
fn annotation_builder(args: &AnnotationArgs) -> Result<Builder, Error> {
    let mut builder = Builder::new().gazetteer(args.gazetteer);
    if let Some(path) = &args.catalog {
        builder = builder.catalog(load_catalog(path)?);
    }
    if let Some(date) = &args.published {
        let date = Timestamp::parse(date).ok_or_else(|| {
            Error::invalid(
                "--published",
                format!("expected a date YYYY-MM-DD (ISO 8601), found {date:?}"),
            )
        })?;
        builder = builder.published(date.date());
    }
    Ok(builder)
}

fn io_error(path: &Path, err: std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{}: {err}", path.display()))
}

/// Read the input, import it with `builder` in the format given (or
/// guessed), run `job` and print the result: one article, or JSON Lines in
/// parallel with order kept. Returns the exit code.
fn process<F>(input: &InputArgs, builder: &Builder, job: F) -> Result<ExitCode, Error>
where
    F: Fn(Imported) -> Result<String, Error> + Sync,
{
    let limits = Limits::default();
    if input.jsonl {
        if input.from.is_some_and(|f| f != Format::Json) {
            return Err(Error::invalid("--from", "--jsonl reads JSON articles only"));
        }
        let builder = builder.clone().format(InputFormat::Json);
        return batch(&input.file, &builder, job);
    }
    let source = read_input(&input.file, limits.max_input_bytes)?;
    let format = match input.from {
        Some(f) => f,
        None => guess_format(&input.file)?,
    };
    let builder = builder.clone().format(match format {
        Format::Json => InputFormat::Json,
        Format::Text => InputFormat::Text,
        Format::Html => InputFormat::Html,
    });
    let imported = builder.import(&source)?;
    for warning in &imported.warnings {
        eprintln!("rtl-article: warning: {warning}");
    }
    let out = job(imported)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{out}")?;
    Ok(ExitCode::SUCCESS)
}

fn guess_format(path: &Path) -> Result<Format, Error> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json") => Ok(Format::Json),
        Some("txt" | "text") => Ok(Format::Text),
        Some("html" | "htm" | "xhtml") => Ok(Format::Html),
        _ => Err(Error::invalid(
            path.display(),
            "cannot tell the format from the file name; pass --from json|text|html",
        )),
    }
}

/// The whole input as UTF-8, refusing more than `limit` bytes without
/// reading past it.
fn read_input(path: &Path, limit: usize) -> Result<String, Error> {
    let mut bytes = Vec::new();
    let reader: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| io_error(path, e))?)
    };
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    if bytes.len() > limit {
        return Err(Error::too_large(
            path.display(),
            format!("more than {limit} bytes; the limit is {limit} bytes (Limits::max_input_bytes)"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            format!(
                "{}: not UTF-8 text (invalid byte at offset {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// JSON Lines: every line an article, processed on every core, written in
/// input order. Bad lines are reported with their number and skipped.
///
/// Three stages overlap, so neither reading nor writing holds up the
/// cores: a reader thread cuts the input into chunks of lines, the rayon
/// pool runs `job` over one chunk (in parallel, results in input order)
/// while the next is read, and a writer thread writes the previous chunk's
/// results (and reports its bad lines) meanwhile. The channels between the
/// stages hold two chunks each, so an archive of any size streams with
/// bounded memory.
fn batch<F>(path: &Path, builder: &Builder, job: F) -> Result<ExitCode, Error>
where
    F: Fn(Imported) -> Result<String, Error> + Sync,
{
    use std::sync::mpsc::sync_channel;

    /// Lines per chunk: enough that the pool's per-chunk wait for its last
    /// article is small against the chunk's work.
    const CHUNK: usize = 512;
    /// A line, and whether it was not UTF-8 (its bad bytes are U+FFFD now).
    type Chunk = Vec<(usize, std::io::Result<(String, bool)>)>;
    /// A line's output and the import's warnings (what was repaired), or
    /// why it was skipped.
    type Results = Vec<(usize, Option<Result<(String, Vec<String>), Error>>)>;

    // Opened here, so a missing file is an error before any thread starts.
    let file = if path == Path::new("-") {
        None
    } else {
        Some(std::fs::File::open(path).map_err(|e| io_error(path, e))?)
    };
    let progress = progress_bar();
    let (chunks, chunks_in) = sync_channel::<Chunk>(2);
    let (results_out, results) = sync_channel::<Results>(2);
    let (ok, failed) = std::thread::scope(|scope| -> Result<(usize, usize), Error> {
        scope.spawn(move || {
            let reader: Box<dyn BufRead> = match file {
                Some(file) => Box::new(std::io::BufReader::with_capacity(1 << 20, file)),
                None => Box::new(std::io::stdin().lock()),
            };
            let mut lines = utf8_lines(reader).enumerate().peekable();
            while lines.peek().is_some() {
                let chunk: Chunk = lines.by_ref().take(CHUNK).collect();
                if chunks.send(chunk).is_err() {
                    break; // the writer failed: stop reading
                }
            }
        });
        let progress = &progress;
        let writer = scope.spawn(move || -> Result<(usize, usize), Error> {
            let mut stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            let (mut ok, mut failed) = (0usize, 0usize);
            for chunk in results {
                for (number, result) in chunk {
                    match result {
                        None => {}
                        Some(Ok((out, warnings))) => {
                            for warning in warnings {
                                progress.suspend(|| eprintln!("rtl-article: line {number}: warning: {warning}"));
                            }
                            stdout.write_all(out.as_bytes())?;
                            stdout.write_all(b"\n")?;
                            ok += 1;
                        }
                        Some(Err(err)) => {
                            progress.suspend(|| eprintln!("rtl-article: line {number}: {err}"));
                            failed += 1;
                        }
                    }
                    progress.inc(1);
                }
            }
            stdout.flush()?;
            Ok((ok, failed))
        });
        for chunk in chunks_in {
            let done: Results = chunk
                .into_par_iter()
                .map(|(i, line)| {
                    let result = match line {
                        Err(e) => Some(Err(Error::from(e))),
                        Ok((line, _)) if line.trim().is_empty() => None,
                        Ok((line, lossy)) => Some(builder.import(&line).and_then(|imported| {
                            let mut warnings = imported.warnings.clone();
                            if lossy {
                                warnings.insert(0, "not UTF-8: the bad bytes were replaced with U+FFFD".to_string());
                            }
                            job(imported).map(|out| (out, warnings))
                        })),
                    };
                    (i + 1, result)
                })
                .collect();
            if results_out.send(done).is_err() {
                break; // the writer failed; its error is reported below
            }
        }
        drop(results_out);
        writer
            .join()
            .unwrap_or_else(|_| Err(Error::new(ErrorKind::Io, "the output thread failed")))
    })?;
    progress.finish_and_clear();
    eprintln!("rtl-article: {ok} articles written, {failed} lines skipped");
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The lines of `reader` without their line breaks, each with whether it
/// was not UTF-8: a line with bad bytes is repaired (U+FFFD for each bad
/// sequence) rather than lost, and the batch says so.
fn utf8_lines(mut reader: impl BufRead) -> impl Iterator<Item = std::io::Result<(String, bool)>> {
    let mut buf = Vec::new();
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => None,
            Err(e) => {
                // Reported once; a reader that failed is not read again.
                failed = true;
                Some(Err(e))
            }
            Ok(_) => {
                if buf.last() == Some(&b'\n') {
                    buf.pop();
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                }
                Some(Ok(match String::from_utf8(std::mem::take(&mut buf)) {
                    Ok(line) => (line, false),
                    Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
                }))
            }
        }
    })
}

fn progress_bar() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {human_pos} articles {per_sec} [{elapsed}]") {
        bar.set_style(style);
    }
    bar
}
