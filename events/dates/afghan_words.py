"""The words Dari and Pashto write dates with, in one place: month names in both calendars,
weekdays, and the words for "yesterday", "last year", "ago".

Each table lists a name's spellings, the one `display` writes first. Readers match them
after `events.script.fold`, so one spelling of a letter's variants is enough here; other
spellings are those writers really use (Pashto's oblique case, Iranian names, the
transliterations English-language Afghan outlets print).
"""

# The Solar Hijri months, as Afghanistan names them (the signs of the zodiac).
SOLAR_HIJRI_DARI = (
    ("حمل",),
    ("ثور",),
    ("جوزا", "جوزای"),
    ("سرطان",),
    ("اسد",),
    ("سنبله",),
    ("میزان",),
    ("عقرب",),
    ("قوس",),
    ("جدی",),
    ("دلو",),
    ("حوت",),
)
SOLAR_HIJRI_PASHTO = (
    ("وری",),
    ("غویی", "غوایی"),
    ("غبرګولی",),
    ("چنګاښ",),
    ("زمری",),
    ("وږی", "وږې"),
    ("تله", "تلې"),
    ("لړم",),
    ("لیندۍ",),
    ("مرغومی",),
    ("سلواغه", "سلواغې"),
    ("کب",),
)
# Iran's names for the same months, which Afghan readers meet in Iranian and BBC copy.
SOLAR_HIJRI_IRANIAN = (
    ("فروردین",),
    ("اردیبهشت",),
    ("خرداد",),
    ("تیر",),
    ("مرداد", "امرداد"),
    ("شهریور",),
    ("مهر",),
    ("آبان",),
    ("آذر",),
    ("دی",),
    ("بهمن",),
    ("اسفند",),
)
# As English-language Afghan writing transliterates them ("10 Hoot 1398", "17 Asad 1399").
SOLAR_HIJRI_LATIN = (
    ("Hamal",),
    ("Sawr", "Saur", "Sour", "Sowr", "Thawr"),
    ("Jawza", "Jauza", "Jowza", "Jawzā", "Jauzā"),
    ("Saratan",),
    ("Asad",),
    ("Sunbula", "Sonbola", "Sunbulah", "Sunbola"),
    ("Mizan", "Meezan"),
    ("Aqrab", "Akrab"),
    ("Qaws", "Qaus", "Qous", "Kaus"),
    ("Jadi", "Jaddi", "Jadee"),
    ("Dalw", "Dalv", "Dalo"),
    ("Hut", "Hoot", "Hout", "Hoot"),
)
# The Gregorian months as Dari and Pashto write them, then Iran's spellings.
GREGORIAN_DARI = (
    ("جنوری", "ژانویه", "جنواری"),
    ("فبروری", "فبرورۍ", "فوریه", "فیبروری", "فبروري"),
    ("مارچ", "مارس"),
    ("اپریل", "اپرېل", "آوریل", "آپریل"),
    ("می", "مې", "مۍ", "مئی", "مه"),  # "مه" as Iran writes it, and the word "fog"
    ("جون", "ژوئن", "جوون"),
    ("جولای", "جولائی", "ژوئیه", "جولایی"),
    ("اگست", "آگوست", "اوت", "اگوست"),
    ("سپتمبر", "سپتامبر", "سېپتمبر"),
    ("اکتوبر", "اکتبر"),
    ("نومبر", "نوامبر"),
    ("دسمبر", "دسامبر"),
)
GREGORIAN_PASHTO = (
    ("جنوري",),
    ("فبروري", "فبرورۍ"),
    ("مارچ",),
    ("اپرېل",),
    ("مې", "مۍ"),
    ("جون",),
    ("جولای",),
    ("اګست",),
    ("سپتمبر",),
    ("اکتوبر",),
    ("نومبر",),
    ("ډسمبر", "دسمبر"),
)
# Monday first, as Python counts (`date.weekday()`); Pashto writes the same names, its own
# ("درېشنبه", "اتوار"), and its oblique case ("د جمعې په ورځ"). Dari's compound names come
# with a joiner, a space, or neither ("سه‌شنبه", "سه شنبه", "سهشنبه"); `fold` makes the
# joiner a space.
WEEKDAYS_DARI = (
    ("دوشنبه", "دوشنبې", "دوه شنبه", "دو شنبه"),
    ("سه‌شنبه", "سه شنبه", "سه شنبې", "سې شنبه", "سه‌شنبې", "سهشنبه", "درېشنبه", "درېشنبې",
     "درې شنبه"),
    ("چهارشنبه", "چهار شنبه", "چارشنبه", "چهارشنبې", "چارشنبې"),
    ("پنجشنبه", "پنج شنبه", "پنج‌شنبه", "پنجشنبې", "پنځشنبه", "پنځشنبې", "پنج شنبې"),
    ("جمعه", "جمعې", "جمعی"),
    ("شنبه", "شنبې"),
    ("یکشنبه", "یک شنبه", "یک‌شنبه", "یکشنبې", "اتوار"),
)  # fmt: skip

# Days counted from the publication day.
RELATIVE_DAYS = {
    "امروز": 0,
    "امشب": 0,
    "امروز صبح": 0,
    "دیروز": -1,
    "دیشب": -1,
    "روز گذشته": -1,
    "شب گذشته": -1,
    "پریروز": -2,
    "فردا": 1,
    "پس فردا": 2,
    "نن": 0,
    "نن ورځ": 0,
    "نن شپه": 0,
    "پرون": -1,
    "پرون شپه": -1,
    "تېره شپه": -1,
    "تېره ورځ": -1,
    "وړمه ورځ": -2,
    "ورمه ورځ": -2,  # as typed without Pashto's own letter
    "لیرې پرون": -2,
    "سبا": 1,
    "بل سبا": 2,
    "بله ورځ": 2,  # Pashto's "the other day": the day after tomorrow
}
# The relative days that are a part of a day: TimeML marks "tonight" as a TIME of that day
# ("2023-10-08TNI"), not as the DATE; an event still takes the day.
PARTS_OF_DAY = {
    "امشب": "NI",
    "دیشب": "NI",
    "شب گذشته": "NI",
    "امروز صبح": "MO",
    "نن شپه": "NI",
    "پرون شپه": "NI",
    "تېره شپه": "NI",
}
# Words for a year, a month and a week, and for "last", "this" and "next" beside them.
YEAR_WORDS = ("سال", "کال")
MONTH_WORDS = ("ماه", "میاشت", "میاشتې", "میاشتی")
# Pashto's word for month after a month's name, direct and oblique ("کب میاشت", "د زمري
# میاشتې", "د دواړو میاشتو"): it makes a month of a name that is an everyday word too.
MONTH_WORDS_PASHTO = ("میاشت", "میاشتې", "میاشتی", "میاشتو")
WEEK_WORDS = ("هفته", "اونۍ", "اونی", "اوونۍ", "اوونی", "هفتې")
DAY_WORDS = ("روز", "ورځ", "ورځې", "ورځو")
STEP_WORDS = {
    "گذشته": -1,
    "پیش": -1,
    "قبل": -1,
    "پار": -1,
    "تېر": -1,
    "تېره": -1,
    "تېرې": -1,  # oblique: "د تېرې اونۍ"
    "تېرو": -1,
    "پخوانی": -1,
    "جاری": 0,
    "روان": 0,
    "روانه": 0,
    "روان کال": 0,
    "آینده": 1,
    "اینده": 1,
    "آتی": 1,
    "بعد": 1,
    "بعدی": 1,
    "راتلونکی": 1,
    "راتلونکې": 1,
    "راتلونکي": 1,
    "بل": 1,
    "بله": 1,
}
# Whole words for a year or month counted from now ("پارسال", "سږکال").
RELATIVE_YEARS = {
    "پارسال": -1,
    "پار کال": -1,
    "پرکال": -1,
    "امسال": 0,
    "سږکال": 0,
    "سږ کال": 0,
    "سال روان": 0,
}
# The words before a year, month or week that make it this one ("این ماه", "دا میاشت").
THIS_WORDS = ("این", "دا", "همین")
# "Ago" and "later": Dari after the count ("سه روز پیش"), Pashto too ("درې ورځې مخکې").
AGO_WORDS = ("پیش", "قبل", "مخکې", "وړاندې", "دمخه", "مخکی")
LATER_WORDS = ("بعد", "پس", "وروسته")
NUMBER_WORDS = {
    "یک": 1,
    "یو": 1,
    "یوه": 1,
    "دو": 2,
    "دوه": 2,
    "سه": 3,
    "درې": 3,
    "دری": 3,
    "چهار": 4,
    "څلور": 4,
    "پنج": 5,
    "پنځه": 5,
    "شش": 6,
    "شپږ": 6,
    "هفت": 7,
    "اووه": 7,
    "اوه": 7,
    "هشت": 8,
    "اته": 8,
    "نه": 9,
    "نهه": 9,
    "ده": 10,
    "لس": 10,
}
# Early, mid and late in a month ("اواخر حوت", "تا پایان دسامبر"), read as the month.
PART_WORDS = (
    "اوایل", "اوائل", "اواسط", "اواخر", "ابتدای", "اوسط", "آخر", "اخیر", "نیمه", "پایان", "آغاز",
)  # fmt: skip
# What names a year's calendar after it: Solar Hijri or Gregorian.


# Month names that are everyday words too ("حمل" carriage, "میزان" amount, "جدی" serious,
# "کب" fish, "مه" fog): a date with a day or a year, or after "ماه"/"میاشت", never alone
# after a preposition ("در حمل و نقل" is no month).
AMBIGUOUS_MONTHS = (
    "حمل", "اسد", "سرطان", "میزان", "عقرب", "قوس", "جدی",
    "تیر", "مهر", "آذر", "دی",
    "وری", "غویی", "غوایی", "زمری", "وږی", "وږې", "تله", "تلې", "لړم", "لیندۍ", "کب",
    "می", "مه", "مۍ", "مې",
)  # fmt: skip
# Before a month named alone: "در اپریل", "په جون کې", "از فروردین".
MONTH_PREPOSITIONS = ("در", "از", "تا", "الی", "طی", "په", "له", "تر")
# After it: "فوریه گذشته" last February, "مارچ آینده" next March.
MONTH_PAST_WORDS = ("گذشته", "تېر", "تېره", "پار")
MONTH_FUTURE_WORDS = ("آینده", "اینده", "آتی", "بعد", "راتلونکی", "راتلونکې", "راتلونکي")

# Nowruz named as the new year's first day (Pashto, then Dari): the Solar Hijri new year's,
# as "نوی" or "نو" alone is said in Afghanistan, but not once "میلادی" is written.
NEW_YEAR_DAYS = (
    "نوي کال لومړۍ ورځ",
    "نوي کال په لومړۍ ورځ",
    "نوي لمریز کال لومړۍ ورځ",
    "نوي لمریز کال په لومړۍ ورځ",
    "نوي هجري لمریز کال لومړۍ ورځ",
    "روز اول سال نو",
    "روز نخست سال نو",
    "روز اول سال نو خورشیدی",
    "روز اول سال نو هجری شمسی",
)

# Words that say the future ("will", "is to"), for dates without a year or a weekday.
# (These match as a word's start: "برگزار می" is any of its persons.) What goes on until a
# date lies before it: "تا روز شنبه ادامه دارد", it goes on until Saturday.
FUTURE_WORDS_DARI = (
    "خواهد", "خواهند", "خواهیم", "قرار است", "قرار اس", "آینده", "برگزار می", "ادامه دار",
)  # fmt: skip
# The present stems of Dari verbs whose present tense, with "می" before it, news writes of
# what is to come ("باز می‌گردند", "آغاز می‌شود", "ادامه می‌یابد"). Left out: saying verbs
# ("می‌گوید" reports, it does not date), "باشد" (is), and stems whose present "می‌ماند",
# "می‌آورد", "می‌برد" is also a past form.
PRESENT_STEMS_DARI = (
    "شو", "رو", "کن", "رس", "گرد", "آی", "ده", "گیر", "یاب", "پرداز", "ساز", "گذار",
    "توان", "نشین", "بخش", "کوش", "فرست", "فروش", "بند", "گشای", "پذیر", "افت", "کش",
)  # fmt: skip
# Pashto's "can" and "must" too: "تر ۳۰ وږي پورې ... کولای شي ثبت کړي" (may register until).
FUTURE_WORDS_PASHTO = (
    "به", "راتلونکی", "راتلونکې", "ټاکل شوې", "ټاکل شوی", "کیږی", "کېږي", "کولای شي", "کولی شي",
    "باید",
)  # fmt: skip

# The past forms of the verbs news writes most, for a clause's tense.
PAST_VERBS_DARI = (
    "شد", "شدند", "شده", "بود", "بودند", "کرد", "کردند", "کرده", "گفت", "گفتند", "داشت",
    "داشتند", "رفت", "رفتند", "آمد", "آمدند", "گرفت", "گرفتند", "یافت", "یافتند", "گردید",
    "گردیدند", "رسید", "رسیدند", "داد", "دادند",
)  # fmt: skip
PAST_VERBS_PASHTO = (
    "شو", "شوه", "شول", "شوی", "شوې", "وو", "وه", "کړ", "کړه", "کړل", "کړی", "کړې", "وکړ",
    "وکړه", "وکړل", "وشو", "وشوه", "وشول", "وویل", "ویل", "ولمانځل", "ولمانځه", "ورسېد",
    "ورسېدل", "راغی", "راغله", "راغلل",
)  # fmt: skip

# Days written as Dari ordinals ("دهم حوت", "بیست و دوم سنبله").
_UNITS = ("", "یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم")
ORDINAL_DAYS = {
    "اول": 1,
    **{_UNITS[n]: n for n in range(1, 10)},
    "دهم": 10,
    "یازدهم": 11,
    "دوازدهم": 12,
    "سیزدهم": 13,
    "چهاردهم": 14,
    "پانزدهم": 15,
    "شانزدهم": 16,
    "هفدهم": 17,
    "هجدهم": 18,
    "هژدهم": 18,
    "نوزدهم": 19,
    "بیستم": 20,
    **{f"بیست و {_UNITS[n]}": 20 + n for n in range(1, 10)},
    "سی ام": 30,
    "سی‌ام": 30,
    "سیم": 30,
    "سی و یکم": 31,
    # Pashto's "the first date" of a month: "د وري لومړۍ نېټه".
    "لومړۍ": 1,
    "لومړی": 1,
}
