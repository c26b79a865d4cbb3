//! The lexicon: every Arabic word list the importers and recognizers
//! compare text with, as data apart from the logic that uses it.
//!
//! Entries are written in FOLDED form ([`crate::text::normalize`]: أ إ آ →
//! ا, ة → ه, ى → ي, no diacritics or tatweel, Latin in lower case),
//! because they are compared with folded tokens: an entry spelled "على"
//! or "برية" could never match anything. A test folds every entry and
//! checks it is unchanged.
//!
//! Recognizers compare a token's folded form (or one of its clitic
//! readings, [`crate::text::words`]) with these lists; what each list
//! means is said where it is used. To add a word, add its folded form to
//! the list and a test sentence to the recognizer that reads it.

use crate::hash::same_bytes;

/// Verbs whose subject is the speaker (folded, without و/ف).
pub(crate) const ATTRIBUTION_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "اعلن",
    "اعلنت",
    "اكد",
    "اكدت",
    "اشار",
    "اشارت",
    "اضاف",
    "اضافت",
    "صرح",
    "صرحت",
    "اوضح",
    "اوضحت",
    "نفي",
    "نفت",
    "ذكر",
    "ذكرت",
    "تابع",
    "تابعت",
    "شدد",
    "شددت",
    "لفت",
    "لفتت",
    "كتب",
    "كتبت",
];

/// Participles: the subject is the previous speaker (مضيفا أن …).
pub(crate) const ATTRIBUTION_PARTICIPLES: &[&str] = &[
    "مضيفا",
    "مضيفه",
    "مؤكدا",
    "مؤكده",
    "مشيرا",
    "مشيره",
    "موضحا",
    "موضحه",
    "قائلا",
    "قائله",
    "لافتا",
];

/// Verbs of relaying: نقلت الوكالة عن المصدر (the speaker follows عن).
pub(crate) const RELAY_VERBS: &[&str] = &["نقل", "نقلت", "نقلا"];

/// Sources given after the words: بحسب المصدر، وفقا للوكالة.
pub(crate) const ACCORDING_TO: &[&str] = &["بحسب", "حسب", "وفق", "وفقا"];

/// Nouns that make the phrase after بحسب/وفقا a source (folded, without
/// ال): مصادر محلية، وكالة رويترز، بيان الجيش. The first [`MEDIA`] are
/// outlets and those they address: after ل they end a speaker phrase
/// (للصحفيين، لوكالة أنباء), and a catalog name after one is the speaker
/// (يومية الشعب).
pub(crate) const SOURCE_NOUNS: &[&str] = &[
    "وكاله",
    "صحيفه",
    "جريده",
    "يوميه",
    "قناه",
    "موقع",
    "اذاعه",
    "صحفيين",
    "مراسل",
    "مصدر",
    "مصادر",
    "بيان",
    "تقرير",
    "تصريحات",
    "متحدث",
    "ناطق",
    "مسؤول",
    "مسؤولين",
    "مسؤولون",
    "شهود",
    "ناشطين",
    "ناشطون",
    "مرصد",
    "وزاره",
    "هيئه",
    "منظمه",
    "مكتب",
    "مصادرنا",
];

/// How many of [`SOURCE_NOUNS`] are outlets (the first ones).
pub(crate) const MEDIA: usize = 9;

/// أن/إن and their forms with a pronoun or ب.
pub(crate) const THAT: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "انهما",
    "انهن",
    "بان",
    "بانه",
    "بانها",
    "بانهم",
    "اننا",
    "انني",
];

/// Nouns of a statement's setting: في بيان، في تصريح.
pub(crate) const SETTING_NOUNS: &[&str] = &[
    "بيان",
    "تصريح",
    "تصريحات",
    "مؤتمر",
    "حديث",
    "مقابله",
    "حوار",
    "تغريده",
    "كلمه",
    "خطاب",
    "رساله",
    "اتصال",
    "لقاء",
    "تقرير",
    "بيانها",
    "بيانه",
    "صفحته",
    "صفحتها",
    "حسابه",
    "حسابها",
    "موقعها",
    "موقعه",
    "ختام",
    "ندوه",
    "نشريه",
    "افتتاحيه",
    "احاطه",
    "جلسه",
    "اجتماع",
    "مقال",
    "وقت",
    "بلاغ",
    "نشره",
    "تدوينه",
    "منشور",
    "مداخله",
];

/// Words that put a clause in the future (سوف، من المقرر): a weekday alone
/// after them is the next such day. Verbs with the prefix س are found by
/// their shape (`dates::named`).
pub(crate) const FUTURE_MARKERS: &[&str] = &[
    "سوف",
    "المقرر",
    "المرتقب",
    "المنتظر",
    "يعتزم",
    "تعتزم",
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
    // A forecast or an expectation is of what is to come (يتوقع المزارعون
    // وصول الأمطار الجمعة، من المتوقع أن …).
    "توقع",
    "توقعت",
    "يتوقع",
    "تتوقع",
    "المتوقع",
];

/// Words that make the imperfect after them past: لم يحضر، كان يستعد.
pub(crate) const PAST_BEFORE_IMPERFECT: &[&str] = &["لم", "ولم", "فلم", "لما", "كان", "كانت", "كانوا", "ظل", "ظلت"];

/// Words shaped like an imperfect verb (ي + three letters) that are not:
/// months, nouns and first names.
pub(crate) const NOT_IMPERFECT: &[&str] = &[
    "يوما",
    "يومي",
    "يوميا",
    "يومين",
    "يونيو",
    "يوليو",
    "يناير",
    "يونيه",
    "يوليه",
    "يمين",
    "يسار",
    "يتيم",
    "ينبوع",
    "يهود",
    "يهودي",
    "يمني",
    "ياباني",
    "يوناني",
    "يوسف",
    "يحيي",
    "ياسر",
    "يونس",
    "يعقوب",
    "يزيد",
    "ياسين",
    "يامن",
    "ياسمين",
    "يسري",
    "يسرا",
    "يعرب",
    "يافا",
];

/// Stems of verbs of scheduled events, read after the imperfect prefix
/// ت or ن (تنطلق، تقام، نلتقي): ت alone also begins verbal nouns.
pub(crate) const EVENT_STEMS: &[&str] = &[
    "نطلق",
    "بدا",
    "ستضيف",
    "لتقي",
    "واجه",
    "قام",
    "عقد",
    "نعقد",
    "جري",
    "ختتم",
    "ستانف",
    "نتهي",
    "حتضن",
    "شهد",
    "ستقبل",
    "لعب",
    "خوض",
    "زور",
    "صل",
    "عود",
    "فتتح",
    "نظم",
    "غادر",
    "حل",
    "توجه",
    "ستعد",
    "جتمع",
    "صوت",
    "فتح",
    "غلق",
    "سافر",
    "خرج",
    "ستمر",
    "قدم",
    "علن",
    "ستكمل",
    "بث",
    "عرض",
    "نفذ",
    "دخل",
    "حتفل",
    "شارك",
    "نشر",
    "ستهل",
    "عاود",
    "طلق",
    "عطل",
];

/// Verbs of deciding and calling: with an act as their object, the day
/// after it is when the act will be (قررت الحكومة تعطيل المدارس الخميس).
pub(crate) const DECISION_VERBS: &[&str] = &[
    "قرر",
    "قررت",
    "تقرر",
    "اقر",
    "اقرت",
    "حدد",
    "حددت",
    "دعا",
    "دعت",
    "طالب",
    "طالبت",
    "اعتمد",
    "اعتمدت",
];

/// Nouns shaped like a future verb (س + ي/ت/ن/ا …).
pub(crate) const FUTURE_NOT: &[&str] = &[
    "ستاد",
    "ستين",
    "ستون",
    "سنوي",
    "سنويا",
    "سيدي",
    "ستوديو",
    "سنين",
    "سيول",
];

/// Words before أن that make it no report (قبل أن، من شأنه أن، على أن).
pub(crate) const NOT_REPORT_BEFORE: &[&str] = &["قبل", "بعد", "علي", "شانه", "يعني", "المنتظر", "المقرر"];

/// Words that end a speaker phrase.
pub(crate) const SPEAKER_PHRASE_END: &[&str] = &[
    "علي",
    "الي",
    "عن",
    "مع",
    "خلال",
    "حول",
    "بعد",
    "قبل",
    "منذ",
    "امام",
    "لدي",
    "اليوم",
    "امس",
    "الامس",
    "يوم",
    "مساء",
    "صباح",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "ايضا",
    "كذلك",
    "قد",
    "لا",
    "لم",
    "لن",
    "ما",
    "ثم",
    "هذه",
    "هذا",
    "الذي",
    "التي",
    "عقب",
    "اثناء",
    "قوله",
    "عبر",
];

/// A preposition with a pronoun right after a verb of saying (قال لها
/// رئيس اللجنة): whom it was said to, before the speaker. Space-separated,
/// compared with [`has`].
pub(crate) const TO_PRONOUN: &str = "له لها لهم لهما لنا منه منها عليه عليها عليهم به بها معه معها عنه عنها اليه اليها";

/// Titles, folded, as word sequences.
pub(crate) const TITLES: &[&[&str]] = &[
    &["العقيد"],
    &["اللواء"],
    &["العميد"],
    &["المقدم"],
    &["الرائد"],
    &["النقيب"],
    &["الفريق"],
    &["المشير"],
    &["الجنرال"],
    &["الرئيس"],
    &["الوزير"],
    &["الشيخ"],
    &["الدكتور"],
    &["الامير"],
    &["الملك"],
    &["السفير"],
    &["النائب"],
    &["القاضي"],
    &["المستشار"],
    &["الامين", "العام"],
    &["الناطق", "الرسمي"],
    &["المتحدث", "الرسمي"],
    &["الناطق", "باسم"],
    &["المتحدث", "باسم"],
    &["الناطقه", "باسم"],
    &["المتحدثه", "باسم"],
];

/// Role nouns: they end a name instead of belonging to it.
pub(crate) const ROLE_NOUNS: &[&str] = &[
    "الناطق",
    "الناطقه",
    "المتحدث",
    "المتحدثه",
    "الرئيس",
    "الوزير",
    "القائد",
    "المسؤول",
    "المدير",
    "الامين",
    "العضو",
    "المستشار",
    "السفير",
    "النائب",
    "الرسمي",
    "السابق",
    "الاسبق",
    "الحالي",
    "الجديد",
    "العام",
    "المساعد",
    "الاعلي",
    "التنفيذي",
    "المكلف",
    "المؤقت",
    "العسكري",
    "الميداني",
];

/// Descriptive adjectives that follow names without belonging to them.
pub(crate) const DESCRIPTIVE: &[&str] = &[
    "الارهابي",
    "الارهابيه",
    "المتطرف",
    "المتطرفه",
    "المزعوم",
    "المزعومه",
    "المحظور",
    "المحظوره",
    "المسلح",
    "المسلحه",
    "المسلحين",
    "المدعوم",
    "المدعومه",
    "الموالي",
    "المواليه",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "نفسه",
    "نفسها",
    "ذاته",
    "ذاتها",
    "اليوم",
    "الان",
    "امس",
    "الامس",
    "الماضي",
    "الماضيه",
    "المقبل",
    "المقبله",
    "الجاري",
    "الحالي",
    "الحاليه",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "الصباح",
    "المساء",
    "المذكور",
    "المذكوره",
];

/// Nationality adjectives with the article, masculine (feminine adds ه).
pub(crate) const NATIONALITIES: &[&str] = &[
    "السوري",
    "الروسي",
    "الامريكي",
    "الاميركي",
    "التركي",
    "الايراني",
    "العراقي",
    "المصري",
    "السعودي",
    "اللبناني",
    "الفرنسي",
    "البريطاني",
    "الاسرائيلي",
    "الفلسطيني",
    "الاردني",
    "القطري",
    "الاماراتي",
    "الالماني",
    "الصيني",
    "الاوروبي",
    "الاممي",
    "اليمني",
    "الليبي",
    "التونسي",
    "الجزائري",
    "المغربي",
    "السوداني",
    "الكويتي",
    "البحريني",
    "العماني",
    "الكردي",
    "الاوكراني",
];

/// Words that are never part of a name: prepositions, conjunctions,
/// pronouns, particles and verbs of attribution.
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "مع",
    "او",
    "و",
    "ثم",
    "حتي",
    "منذ",
    "بين",
    "بعد",
    "قبل",
    "خلال",
    "عند",
    "لدي",
    "ضد",
    "حول",
    "نحو",
    "ان",
    "انه",
    "انها",
    "انهم",
    "قد",
    "لا",
    "لم",
    "لن",
    "ما",
    "هو",
    "هي",
    "هم",
    "كان",
    "كانت",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "اي",
    "كل",
    "بعض",
    "عبر",
    "دون",
    "غير",
    "وفق",
    "وفقا",
    "بحسب",
    "حسب",
    "اذ",
    "اذا",
    "لكن",
    "بل",
    "امس",
    "يوم",
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "اشار",
    "اشارت",
    "اضاف",
    "اضافت",
    "صرح",
    "صرحت",
    "اوضح",
    "اوضحت",
    "نفي",
    "نفت",
    "ذكر",
    "ذكرت",
    "لها",
    "له",
    "لهم",
    "بيان",
    "عليه",
    "عليها",
    "فيه",
    "منه",
    "بان",
    "بانه",
    "كما",
    "ايضا",
    "حيث",
    "التي",
    "الذي",
    "وهو",
    "وهي",
    "صباح",
    "مساء",
];

/// Function words a catalog name may fold to beyond [`FUNCTION_WORDS`]
/// (إمام/أمام): such a name matches only as the catalog spells it.
pub(crate) const FUNCTION_EXTRA: &str = "امام اما الا اذن لدي سوي";

/// Function words as they are spelled (not folded): a catalog name
/// spelled as one of them also needs context to be a name.
pub(crate) const FUNCTION_SPELLINGS: &str = "في من على إلى عن مع أو ثم حتى منذ بين بعد قبل عند لدى ضد حول نحو أن إن قد لا لم لن ما هو هي هم أي كل إذ إذا لكن بل أمام أما إلا";

/// Common words (folded, without the article) that are also names of
/// clubs, papers, channels, banks, series: a one-word catalog name that is
/// one of them needs context (`catalog::resolve`).
pub(crate) const COMMON_WORDS: &str = "اول اولي ثاني ثانيه ثالث اخير احد واحد عربي عربيه جديد جديده رياضي وطني وطنيه دولي شعبي عام حر حره حرب شعب وحده عميد عقبه امل نصر اتحاد وطن حياه شباب سلام امن دوله ثوره استقلال نهضه فجر صباح مستقبل تقدم اخبار شرق غرب جنوب شمال وسط راي بيان نجم شمس رائد فتح تعاون اتفاق عداله تنميه حريه كرامه شروق جمهوريه اسبوع ساعه عصر مجد عهد نور حق خبر قرار جيش طليعه تداول رجاء غربه مفوضيه";

/// Kinds of entity, by the words that head an entry's description and the
/// words that, next to a name, point to that kind (`catalog::resolve`),
/// each list one string of words (smaller in wasm than a slice of them).
/// The last kind (titles of works) needs its cue or guillemets each time.
pub(crate) const KINDS: &[(&str, &str)] = &[
    ("ناد نادي فريق", "نادي ناد فريق مدرب لاعب لاعبو لاعبي مهاجم حارس مدافع نجم جماهير مشجعي انصار رصيد ضيف مضيف غريم شباك صفوف مباراه فوز تعادل ديربي يلتقي التقي ملاقاه تغلب هزم"),
    ("قناه شبكه اذاعه فضائيه", "قناه فضائيه شاشه مقابله حديث حوار تصريحات بثت بث مراسل برنامج برامج حلقه مقدم مذيع"),
    ("جريده صحيفه يوميه مجله", "جريده صحيفه يوميه مجله افتتاحيه كتب كتبت نشرت مقال"),
    ("مدينه عاصمه اماره كبري ميناء", "مدينه عاصمه بلديه سكان اهالي احياء مستشفي امطار شوارع مطار زياره"),
    ("دوله مملكه سلطنه جمهوريه", "دوله سلطنه مملكه بلاد حكومه سفير سفاره منتخب"),
    ("ولايه اقليم محافظه", "ولايه اقليم محافظه والي"),
    ("شبه جزيره جبل بحر", "شبه جنوب شمال شرق غرب دول مدن سواحل"),
    ("بنك مصرف شركه", "بنك مصرف سهم اسهم ارباح عملاء شركه"),
    ("عمله", "عمله سعر صرف دولار درهم جنيه ريال دينار منطقه مليون مليار ملايين"),
    ("بطوله كاس دوري مهرجان معرض مؤتمر", "بطوله نهائيات كاس منافسات نسخه دوره"),
    ("مهاجم لاعب حارس مدافع مدرب", "لاعب مهاجم حارس مدافع هداف البديل"),
    ("بورصه سوق", "بورصه مؤشر سهم اسهم تداولات"),
    ("مسلسل فيلم كتاب روايه مسرحيه", "مسلسل فيلم روايه كتاب حلقات مسرحيه"),
];

/// The kinds of outlets (index + 1 into [`KINDS`]: channels, papers): after
/// a verb of saying, ل + such a name is whom it was said to (أكد مصدر
/// للعربية).
pub(crate) const OUTLET_KINDS: [u8; 2] = [2, 3];

/// Nouns of a statement given to an outlet: after them, ل + an outlet's
/// name is whom it was given to (في تصريح للشروق، في حديث للعربية).
/// Space-separated, compared with [`has`].
pub(crate) const STATEMENT_NOUNS: &str = "تصريح تصريحات حديث حوار مقابله مداخله";

/// Words after a one-word first name that make it another man's name
/// (علي بن سالم، علي أبو زيد). Space-separated, compared with [`has`].
pub(crate) const OTHER_PERSON: &str = "بن ابن ابو بنت";

/// Prepositions a cue may stand behind (مقابلة مع …، حديث إلى …).
pub(crate) const CUE_PREPOSITIONS: &str = "مع الي علي في من عن امام مقابل";

pub(crate) const STRONG_HEADS: &[&str] = &["وزاره", "وكاله", "مجلس", "منظمه", "حزب", "جبهه"];

pub(crate) const WEAK_HEADS: &[&str] = &["قوات", "تنظيم", "حركه", "هيئه"];

/// Common words after a weak head that make it a common noun (حركة نزوح).
pub(crate) const NOT_NAMES: &[&str] = &[
    "نزوح",
    "مرور",
    "سير",
    "عمل",
    "نشاط",
    "احتجاج",
    "احتجاجات",
    "جديد",
    "جديده",
    "كبير",
    "كبيره",
    "واسع",
    "واسعه",
    "كبيرا",
    "عسكريه",
    "امنيه",
    "خاصه",
    "اضافيه",
    "اجنبيه",
    "دوليه",
    "عربيه",
    "تركيه",
    "روسيه",
    "حكوميه",
    "نظاميه",
    "بريه",
    "جويه",
    "بحريه",
    "دائم",
    "دائمه",
];

/// Words that follow a figure without being what it counts.
pub(crate) const NOT_COUNTED: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "مع",
    "او",
    "و",
    "ثم",
    "حتي",
    "منذ",
    "بين",
    "بعد",
    "قبل",
    "خلال",
    "عند",
    "لدي",
    "ضد",
    "حول",
    "نحو",
    "ان",
    "انه",
    "انها",
    "قد",
    "لا",
    "لم",
    "لن",
    "ما",
    "هو",
    "هي",
    "هم",
    "كان",
    "كانت",
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "اي",
    "كل",
    "بعض",
    "عبر",
    "دون",
    "غير",
    "فقط",
    "تقريبا",
    "وفق",
    "بحسب",
    "حسب",
    "اذ",
    "اذا",
    "لكن",
    "بل",
    "مقابل",
    "عام",
    "سنه",
];

pub(crate) const DATE_PAST: &[&str] = &["الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته"];

pub(crate) const DATE_CURRENT: &[&str] = &["الجاري", "الجاريه", "الحالي", "الحاليه"];

pub(crate) const DATE_NEXT: &[&str] = &["المقبل", "المقبله", "القادم", "القادمه"];

/// Numbers: the scale words a figure is multiplied by.
pub(crate) const SCALES: &[(&str, f64)] = &[
    ("الف", 1e3),
    ("الاف", 1e3),
    ("الفا", 1e3),
    ("مليون", 1e6),
    ("ملايين", 1e6),
    ("مليونا", 1e6),
    ("مليار", 1e9),
    ("مليارات", 1e9),
    ("مليارا", 1e9),
    ("بليون", 1e9),
    ("تريليون", 1e12),
    ("ترليون", 1e12),
    ("تريليونات", 1e12),
];

/// Numbers: "per cent" written as one word after the figure.
pub(crate) const PERCENT_WORDS: &[&str] = &["بالمئه", "بالمائه"];

/// Numbers: "hundred" after في (`45 في المئة`).
pub(crate) const HUNDRED: &[&str] = &["المئه", "المائه"];

/// Numbers: currency nouns (the article stripped), each with the family
/// it belongs to.
pub(crate) const CURRENCY_NOUNS: &[(&str, &str)] = &[
    ("دولار", "دولار"),
    ("دولارا", "دولار"),
    ("دولارات", "دولار"),
    ("يورو", "يورو"),
    ("يوروهات", "يورو"),
    ("ريال", "ريال"),
    ("ريالا", "ريال"),
    ("ريالات", "ريال"),
    ("جنيه", "جنيه"),
    ("جنيها", "جنيه"),
    ("جنيهات", "جنيه"),
    ("ليره", "ليره"),
    ("ليرات", "ليره"),
    ("دينار", "دينار"),
    ("دينارا", "دينار"),
    ("دنانير", "دينار"),
    ("درهم", "درهم"),
    ("درهما", "درهم"),
    ("دراهم", "درهم"),
];

/// Numbers: a currency family and the country adjective (masculine stem,
/// without the article) that makes it one ISO 4217 currency.
pub(crate) const CURRENCY_COUNTRIES: &[(&str, &str, &str)] = &[
    ("دولار", "امريكي", "USD"),
    ("دولار", "اميركي", "USD"),
    ("دولار", "كندي", "CAD"),
    ("دولار", "استرالي", "AUD"),
    ("ريال", "سعودي", "SAR"),
    ("ريال", "قطري", "QAR"),
    ("ريال", "عماني", "OMR"),
    ("ريال", "يمني", "YER"),
    ("ريال", "ايراني", "IRR"),
    ("جنيه", "مصري", "EGP"),
    ("جنيه", "استرليني", "GBP"),
    ("جنيه", "سوداني", "SDG"),
    ("ليره", "سوري", "SYP"),
    ("ليره", "لبناني", "LBP"),
    ("ليره", "تركي", "TRY"),
    ("دينار", "كويتي", "KWD"),
    ("دينار", "اردني", "JOD"),
    ("دينار", "عراقي", "IQD"),
    ("دينار", "بحريني", "BHD"),
    ("دينار", "ليبي", "LYD"),
    ("دينار", "تونسي", "TND"),
    ("دينار", "جزائري", "DZD"),
    ("درهم", "اماراتي", "AED"),
    ("درهم", "مغربي", "MAD"),
];

/// Numbers: currency families that name one currency with no country
/// adjective.
pub(crate) const CURRENCY_DEFAULTS: &[(&str, &str)] = &[("دولار", "USD"), ("يورو", "EUR")];

/// Dates: Hijri era markers after a date (هـ folds to ه).
pub(crate) const ERA_HIJRI: &[&str] = &["ه", "هجري", "هجريه", "للهجره"];

/// Dates: Gregorian era markers after a date.
pub(crate) const ERA_GREGORIAN: &[&str] = &["م", "ميلادي", "ميلاديه", "للميلاد"];

/// Dates: nouns that make the weekday after them part of a name, not a
/// date (صلاة الجمعة).
pub(crate) const NOT_WEEKDAY_BEFORE: &[&str] = &["صلاه", "خطبه", "صلوات", "ليله", "صلاتي"];

/// Dates: words before اليوم that make it narrative ("that day"), not the
/// publication day.
pub(crate) const NARRATIVE_BEFORE_TODAY: &[&str] = &["ذلك", "تلك", "نفس", "ذات", "هذا"];

/// Dates: adjectives after اليوم that make it a day of a story or a name
/// (اليوم الأول، اليوم الذي، اليوم نفسه), not today; besides every ال-word
/// in ـي (التالي، الثاني، الوطني، العالمي). Space-separated, compared
/// with [`has`], not through the token lexicon.
pub(crate) const NOT_TODAY_AFTER: &str =
    "الاول الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الاخير السابق المحدد نفسه ذاته";

/// Dates: "year" before a four-digit year (عام 2017).
pub(crate) const YEAR_WORDS: &[&str] = &["عام", "العام", "سنه", "السنه"];

/// Dates: words after which a bare four-digit year is a date (في 2015،
/// منذ 2011، بحلول 2027، قبل نهاية 2030، شتاء 2013); also read after و.
/// Space-separated, compared with [`has`], not through the token lexicon.
pub(crate) const YEAR_BEFORE: &str =
    "في منذ خلال بحلول حتي قبل بعد نهايه بدايه مطلع اواخر اوائل منتصف شتاء صيف ربيع خريف الموافق بين";

/// Dates: function words that may follow a bare year (في 2023 بنحو، في
/// 2022 على; و before the second year of a range); a noun after the
/// number makes it a count. Space-separated, compared with [`has`].
pub(crate) const YEAR_AFTER: &str = "و علي في الي عن مع بنحو نحو بعد قبل عندما حتي مقارنه مقابل او وفي وهو وهي";

/// Dates: place nouns whose name holds a day and month (ملعب 5 جويلية،
/// شارع 26 يوليو، ميدان 6 أكتوبر, ثورة 23 يوليو): no date after them
/// (read after ب or و). Space-separated, compared with [`has`].
pub(crate) const NOT_DATE_BEFORE: &str = "ملعب استاد شارع ميدان ساحه جسر مدينه حي ثوره";

/// Dates: "this" before a unit (هذا العام).
pub(crate) const THIS: &[&str] = &["هذا", "هذه"];

/// Words the recognizers compare tokens with in their code rather than
/// through a list above (`tok.is_word(&["من"])`): listed here so that
/// [`token_words`] has them. A debug assertion in every comparison names a
/// word missing from it.
pub(crate) const INLINE_WORDS: &[&str] = &[
    "في",
    "ل",
    "عن",
    "ال",
    "من",
    "العام",
    "السنه",
    "شهر",
    "الشهر",
    "يوم",
    "الاسبوع",
    "اول",
    "امس",
    "الامس",
    "غدا",
    "بعد",
    "غد",
    "اليوم",
];

/// Every word a recognizer compares a token (or one of its clitic
/// readings) with through `Tok::is_word`, `Tok::word_with_clitics` or a
/// split (`annotate::tokens`): the set a token is looked up in once, when
/// it is cut, so that the comparisons skip the words in none of these —
/// most words of a text. Month and weekday names come from their data
/// file and are added there. Lists only compared with `contains` (the
/// function words) are not here: they would make most tokens pass.
pub(crate) fn token_words() -> impl Iterator<Item = &'static str> {
    let lists: [&[&str]; 18] = [
        INLINE_WORDS,
        ATTRIBUTION_VERBS,
        ATTRIBUTION_PARTICIPLES,
        RELAY_VERBS,
        ACCORDING_TO,
        STRONG_HEADS,
        WEAK_HEADS,
        PERCENT_WORDS,
        HUNDRED,
        DATE_PAST,
        DATE_CURRENT,
        DATE_NEXT,
        ERA_HIJRI,
        ERA_GREGORIAN,
        NOT_WEEKDAY_BEFORE,
        NARRATIVE_BEFORE_TODAY,
        YEAR_WORDS,
        THIS,
    ];
    lists
        .into_iter()
        .flatten()
        .copied()
        .chain(TITLES.iter().flat_map(|t| t.iter().copied()))
}

/// Whether `word` is one of the space-separated words of `list` (the
/// compact form of a word list: no table of slices in the binary).
pub(crate) fn has(list: &str, word: &str) -> bool {
    // Bytes, not `split(' ')`: its char searcher was a tenth of the
    // quotations' time (BENCHMARKS.md, issue 10's sixth session).
    let (list, word) = (list.as_bytes(), word.as_bytes());
    let mut from = 0;
    for (i, &b) in list.iter().enumerate() {
        if b == b' ' {
            if same_bytes(&list[from..i], word) {
                return true;
            }
            from = i + 1;
        }
    }
    same_bytes(&list[from..], word)
}

/// Whether `word` is one of `list`: `list.contains(&word)` without a call
/// to `memcmp` for each word of the same length (most words of a list
/// are two to five Arabic letters).
#[inline]
pub(crate) fn one_of(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| same_bytes(w.as_bytes(), word.as_bytes()))
}

/// Scraped pages: marker lines that open the section list in the chrome
/// tail (compared after folding, so اقرأ أيضاً and اقرا ايضا are one).
pub(crate) const CHROME_SECTIONS: &[&str] = &["اقسام", "الاقسام", "القسم", "الاقسام المرتبطه"];

/// Scraped pages: marker lines that open a related-articles list.
pub(crate) const CHROME_RELATED: &[&str] = &[
    "اخبار متعلقه",
    "اخبار ذات صله",
    "مواضيع ذات صله",
    "مواضيع متعلقه",
    "مقالات ذات صله",
    "اقرا ايضا",
];

/// Scraped pages: marker lines that open a tag list.
pub(crate) const CHROME_TAGS: &[&str] = &["الوسوم", "وسوم", "كلمات مفتاحيه", "الكلمات المفتاحيه", "كلمات دلاليه"];

/// Bylines: words that introduce the author rather than name them, in the
/// languages the renderer labels (folded: `By` is `by`).
pub(crate) const BYLINE_PREFIXES: &[&str] = &["بقلم", "كتب", "كتبت", "by", "מאת", "نوشته"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::fold_str;

    fn check(name: &str, words: &[&str]) {
        for w in words {
            assert_eq!(fold_str(w), *w, "{name}: {w:?} is not in folded form");
            assert!(!w.is_empty() && w.trim() == *w, "{name}: {w:?}");
        }
    }

    /// Every entry equals its own folded form: it can match a folded token.
    #[test]
    fn every_entry_is_folded() {
        assert!(MEDIA <= SOURCE_NOUNS.len());
        let lists: &[(&str, &[&str])] = &[
            ("ATTRIBUTION_VERBS", ATTRIBUTION_VERBS),
            ("ATTRIBUTION_PARTICIPLES", ATTRIBUTION_PARTICIPLES),
            ("RELAY_VERBS", RELAY_VERBS),
            ("ACCORDING_TO", ACCORDING_TO),
            ("SOURCE_NOUNS", SOURCE_NOUNS),
            ("THAT", THAT),
            ("SETTING_NOUNS", SETTING_NOUNS),
            ("NOT_REPORT_BEFORE", NOT_REPORT_BEFORE),
            ("SPEAKER_PHRASE_END", SPEAKER_PHRASE_END),
            ("ROLE_NOUNS", ROLE_NOUNS),
            ("DESCRIPTIVE", DESCRIPTIVE),
            ("NATIONALITIES", NATIONALITIES),
            ("FUNCTION_WORDS", FUNCTION_WORDS),
            ("FUNCTION_EXTRA", &FUNCTION_EXTRA.split(' ').collect::<Vec<_>>()),
            ("COMMON_WORDS", &COMMON_WORDS.split(' ').collect::<Vec<_>>()),
            ("CUE_PREPOSITIONS", &CUE_PREPOSITIONS.split(' ').collect::<Vec<_>>()),
            (
                "KINDS",
                &KINDS
                    .iter()
                    .flat_map(|k| k.0.split(' ').chain(k.1.split(' ')))
                    .collect::<Vec<_>>(),
            ),
            ("STRONG_HEADS", STRONG_HEADS),
            ("WEAK_HEADS", WEAK_HEADS),
            ("NOT_NAMES", NOT_NAMES),
            ("NOT_COUNTED", NOT_COUNTED),
            ("DATE_PAST", DATE_PAST),
            ("DATE_CURRENT", DATE_CURRENT),
            ("DATE_NEXT", DATE_NEXT),
            ("PERCENT_WORDS", PERCENT_WORDS),
            ("HUNDRED", HUNDRED),
            (
                "CURRENCY_DEFAULTS",
                &CURRENCY_DEFAULTS.iter().map(|c| c.0).collect::<Vec<_>>(),
            ),
            ("ERA_HIJRI", ERA_HIJRI),
            ("ERA_GREGORIAN", ERA_GREGORIAN),
            ("NOT_WEEKDAY_BEFORE", NOT_WEEKDAY_BEFORE),
            ("NARRATIVE_BEFORE_TODAY", NARRATIVE_BEFORE_TODAY),
            ("YEAR_WORDS", YEAR_WORDS),
            ("THIS", THIS),
            ("CHROME_SECTIONS", CHROME_SECTIONS),
            ("CHROME_RELATED", CHROME_RELATED),
            ("CHROME_TAGS", CHROME_TAGS),
            ("BYLINE_PREFIXES", BYLINE_PREFIXES),
            ("INLINE_WORDS", INLINE_WORDS),
        ];
        for (name, words) in lists {
            check(name, words);
        }
        for (name, words) in [
            ("YEAR_BEFORE", YEAR_BEFORE),
            ("YEAR_AFTER", YEAR_AFTER),
            ("NOT_TODAY_AFTER", NOT_TODAY_AFTER),
            ("NOT_DATE_BEFORE", NOT_DATE_BEFORE),
            ("OTHER_PERSON", OTHER_PERSON),
            ("TO_PRONOUN", TO_PRONOUN),
        ] {
            check(name, &words.split(' ').collect::<Vec<_>>());
        }
        for title in TITLES {
            check("TITLES", title);
        }
        let scales: Vec<&str> = SCALES.iter().map(|s| s.0).collect();
        check("SCALES", &scales);
        let nouns: Vec<&str> = CURRENCY_NOUNS.iter().flat_map(|c| [c.0, c.1]).collect();
        check("CURRENCY_NOUNS", &nouns);
        let countries: Vec<&str> = CURRENCY_COUNTRIES.iter().flat_map(|c| [c.0, c.1]).collect();
        check("CURRENCY_COUNTRIES", &countries);
    }

    #[test]
    fn outlet_kinds_are_channels_and_papers() {
        let heads: Vec<&str> = OUTLET_KINDS.iter().map(|&k| KINDS[k as usize - 1].0).collect();
        assert!(has(heads[0], "قناه") && has(heads[1], "جريده"), "{heads:?}");
    }

    #[test]
    fn no_list_repeats_an_entry() {
        for (name, words) in [("FUNCTION_WORDS", FUNCTION_WORDS), ("NOT_COUNTED", NOT_COUNTED)] {
            let mut seen = std::collections::BTreeSet::new();
            for w in words {
                assert!(seen.insert(w), "{name}: {w:?} twice");
            }
        }
    }
}
