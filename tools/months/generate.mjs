// Generates ../../data/months.json: Arabic month and weekday names used by
// src/annotate/dates.rs to recognise dates.
//
// Upstream: Unicode CLDR 48.2 via the npm packages `cldr-dates-full`
// (Gregorian months and weekdays for every `ar-*` locale) and
// `cldr-cal-islamic-full` (Hijri months). Licence: Unicode License v3
// (Unicode-3.0), https://www.unicode.org/license.txt — the data may be
// redistributed with this notice.
//
// CLDR gives one spelling per locale. News text also uses a few spellings
// CLDR does not list (Egyptian يونيه/يوليه, ربيع الثاني, the genitive ذي
// القعدة …); they are added below under `supplement`, each with the reason.
//
// Run: cd tools/months && npm install && node generate.mjs
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const datesMain = join(here, "node_modules/cldr-dates-full/main");
const islamicMain = join(here, "node_modules/cldr-cal-islamic-full/main");
const version = JSON.parse(
  readFileSync(join(here, "node_modules/cldr-dates-full/package.json"), "utf8"),
).version;

const calendars = (dir, locale, file) =>
  JSON.parse(readFileSync(join(dir, locale, file), "utf8")).main[locale].dates.calendars;
const ordered = (wide) => Object.keys(wide).sort((a, b) => a - b).map((k) => wide[k]);

// Gregorian: group Arabic locales by their month series (Egyptian/Gulf,
// Levantine/Iraqi, Moroccan, Algerian/Tunisian, Mauritanian).
const series = new Map();
const weekdays = new Map();
for (const locale of readdirSync(datesMain).filter((l) => l === "ar" || l.startsWith("ar-")).sort()) {
  const greg = calendars(datesMain, locale, "ca-gregorian.json").gregorian;
  for (const context of ["format", "stand-alone"]) {
    const names = ordered(greg.months[context].wide);
    const key = names.join("|");
    if (!series.has(key)) series.set(key, { locales: new Set(), months: names });
    series.get(key).locales.add(locale);
    const days = greg.days[context].wide;
    ["sun", "mon", "tue", "wed", "thu", "fri", "sat"].forEach((d, i) => {
      if (!weekdays.has(days[d])) weekdays.set(days[d], i);
    });
  }
}

const islamic = calendars(islamicMain, "ar", "ca-islamic.json").islamic;
const hijri = ordered(islamic.months.format.wide);
const hijriStandalone = ordered(islamic.months["stand-alone"].wide);

// Spellings in everyday news use that CLDR does not list. [name, month, why]
const supplement = {
  gregorian: [
    ["يونيه", 6, "Egyptian press spelling of June"],
    ["يوليه", 7, "Egyptian press spelling of July"],
    ["أغشطس", 8, "common misspelling of أغسطس in scraped text"],
    ["كانون ثاني", 1, "Levantine, without the article"],
    ["تشرين أول", 10, "Levantine, without the article"],
    ["تشرين ثاني", 11, "Levantine, without the article"],
    ["كانون أول", 12, "Levantine, without the article"],
  ],
  hijri: [
    ["ربيع الثاني", 4, "common name of Rabi' al-Akhir"],
    ["جمادى الأول", 5, "common variant of Jumada al-Ula"],
    ["جمادى الثانية", 6, "common name of Jumada al-Akhira"],
    ["جمادى الثاني", 6, "common variant of Jumada al-Akhira"],
    ["ذي القعدة", 11, "genitive form (في ذي القعدة)"],
    ["ذي الحجة", 12, "genitive form (في ذي الحجة)"],
    ["المحرم", 1, "with the article (شهر المحرم)"],
  ],
};

const out = {
  source: `Unicode CLDR ${version}: npm cldr-dates-full (ca-gregorian, ar-*) and cldr-cal-islamic-full (ca-islamic, ar)`,
  licence: "Unicode-3.0 (https://www.unicode.org/license.txt); supplement: this project, MIT OR Apache-2.0",
  generator: "tools/months/generate.mjs",
  gregorian: [...series.values()].map((s) => ({ locales: [...s.locales], months: s.months })),
  hijri: [...new Set([hijri, hijriStandalone].map((m) => JSON.stringify(m)))].map((m) => JSON.parse(m)),
  weekdays: [...weekdays.entries()].map(([name, sunday0]) => ({ name, sunday0 })),
  supplement: {
    gregorian: supplement.gregorian.map(([name, month, why]) => ({ name, month, why })),
    hijri: supplement.hijri.map(([name, month, why]) => ({ name, month, why })),
  },
};
writeFileSync(join(here, "../../data/months.json"), JSON.stringify(out, null, 1) + "\n");
console.log(`data/months.json: ${out.gregorian.length} Gregorian series, ${out.weekdays.length} weekday names`);
