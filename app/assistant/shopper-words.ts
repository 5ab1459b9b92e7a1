/**
 * Words shoppers wrap around what they want. What is left once these, prices, quantities
 * and order details are taken out of a message is what they are looking for ("do you have
 * any red lunch bags under £5?" → "red lunch bags"). Kept as data beside the dialogue so the
 * list can grow without touching its rules.
 */

export const FILLER = new Set(
  (
    "a an the and or but to of in on at for with from by about as into than then so too very really just also " +
    "i i'm im me my mine we us our you your yours it its it's this that these those them they their there here " +
    "is are was were be been being am do does did doing have has had having got get getting can could would should will shall may might must " +
    "what which who whom whose when where why how what's whats where's wheres how's " +
    "please pls plz thanks thank cheers hi hello hey ok okay yes no not any some anything something everything all " +
    "want wanted wants need needs needed looking look see show shows find search searching buy buying order purchase like love prefer " +
    "sell sells selling stock stocks carry carries offer offers available availability left sold " +
    "price prices priced cost costs costing much many expensive cheap cheaper cheapest budget afford affordable pricier dear " +
    "size sizes sized colour colours color colors colour's shade shades material materials made make fabric " +
    "tell tells info information details detail describe description say says know explain " +
    "one ones thing things item items product products stuff kind sort type types range options option choice choices " +
    "gift gifts present presents pressie pressies prezzie idea ideas recommend recommendation recommendations suggest suggestion suggestions " +
    "good nice best great lovely cute pretty perfect new else other another more less same different " +
    "under below over above between around roughly approximately max maximum min minimum least most no-more " +
    "pound pounds quid gbp dollar dollars usd euro euros eur bucks pence p " +
    "shop store website site online here today now currently still again " +
    "someone somebody person lover lovers fan fans enthusiast enthusiasts after spend spending " +
    "well bit lot lots shes hes theyre ages aged age old year years yr yrs only turning turns who who's whos " +
    "loves loved likes liked enjoys enjoy into obsessed keen someone's somebody's anyone anybody " +
    "preferably ideally maybe perhaps possibly moment people everyone buying bought similar goes go match matching " +
    "he she him her his hers he's she's they're we're you're it'll that's there's " +
    "come comes coming out still back currently right away " +
    "seller sellers bestseller bestsellers best-seller best-sellers popular trending top favourite favorite favourites " +
    "im i'd id i'll ill i've ive you've youve don't dont doesn't doesnt isn't isnt aren't arent " +
    "she'd he'd they'd we'd you'd it'd she'll he'll they'll we'll you'll won't wont can't cant wouldn't couldn't " +
    // Chat talk around a request, never what is asked for ("cool nvm, got teapots?", "ooh lol").
    "lol lmao haha omg tbh idk btw nvm imo fyi ooh oooh ohh oh ah ahh hmm hmmm um umm uh er erm wait " +
    "cool awesome brilliant fab amazing yeah yep yup yea nope nah sure alright right fine actually honestly " +
    "literally basically anyway anyways always never usually ever even though although because cos coz since " +
    "smth sth something's mate mates friend friends pal bro hun babe guys " +
    "if whether unless until til once while better rather instead prefer preferred"
  ).split(/\s+/),
);

/** Words that ask for a cheaper, dearer, smaller or bigger version of what was shown. */
export const CHEAPER =
  /\b(cheaper|more cheap|less expensive|less money|lower price|lower priced|more affordable|on a budget|budget ones?|not so expensive|too expensive|too dear|too pricey|too much money)\b/i;
/** "the cheapest one?": the same list, cheapest first. */
export const CHEAPEST = /\b(cheapest|least expensive|lowest price|lowest priced)\b/i;
export const PRICIER = /\b(more expensive|pricier|higher end|more premium|fancier|better quality|dearer)\b/i;
export const SMALLER = /\b(smaller|tinier|littler|more compact|small ones?|mini ones?)\b/i;
export const BIGGER = /\b(bigger|larger|big ones?|large ones?|jumbo ones?|huger)\b/i;
export const MORE =
  /\b(more options|other options|something else|anything else|show (me )?more|others|another one|different ones?|any more|more of (those|them|these))\b/i;
/** "cheap mugs": the shopper wants the cheapest first, without a figure. */
export const CHEAP = /\b(cheap|cheapest|inexpensive|budget|bargain|affordable|low[- ]cost)\b/i;

/** A request to buy or find something, whatever the thing ("can i buy a toaster here?"). */
export const SHOPPING =
  /\b(do you (sell|have|stock|carry|do)|have you got|got any|can i (buy|get|order|find)|are there any|i'?m (looking|after|searching)|looking for|i (want|need|would like)|show me|any)\b/i;

/** Asking for things not bought before ("something new?", "what else would I like?"): the discover list. */
export const DISCOVER =
  /\b(?:something|anything|stuff|things?) (?:new|different)\b|\bwhat else (?:would|might|could|do you think) (?:i|we)\b|\b(?:haven'?t|have not|never) (?:bought|had|tried|ordered)\b|\bnew to me\b|\bsurprise me\b|\bdiscover\b/i;

/** Elliptical follow-ups that keep the question and change its subject ("and teapots?"). */
export const ELLIPSIS = /^\s*(and|what about|how about|also|plus|or)\b/i;

/** Words that only describe what was shown; on their own they refine, not start again. */
export const MODIFIER_WORDS = new Set(
  "smaller bigger larger tiny little big small large jumbo mini colour colours color version versions style styles pattern patterns design designs".split(
    " ",
  ),
);

/**
 * Who a present is for, and the catalog words that suit them. A recipient only steers the
 * search through words the shop's own catalog uses (types, tags, titles): a shop without
 * children's things is not made to pretend it has them.
 */
/** Children's things are no present for a grown-up. */
const ADULT_AVOID = /\b(soft toy|toy|toys|childrens|children's|kids|baby|babies|nursery|dolly|teddy)\b/i;

export const RECIPIENTS: { pattern: RegExp; who: string; words: string[]; avoid?: RegExp }[] = [
  {
    pattern: /\b(teen|teens|teenager|teenagers|teenage|1[3-9][- ]?(year|yr)s?[- ]?old|student|students)\b/i,
    who: "a teenager",
    avoid: /\b(soft toy|baby|babies|nursery|dolly|teddy|toddler)\b/i,
    words: [
      "notebook",
      "bag",
      "jewellery",
      "necklace",
      "bracelet",
      "mug",
      "lunch box",
      "pencil",
      "stationery",
      "retro",
      "game",
      "phone",
      "sign",
    ],
  },
  {
    // Older children: no baby things.
    pattern: /\b((8|9|10|11|12)[- ]?(year|yr)s?[- ]?old|tweens?|preteens?)\b/i,
    who: "a child",
    avoid:
      /\b(necklace|bracelet|earrings?|wine|gin|beer|cocktail|shot glass|ashtray|razor|cards?(?! game)|baby|babies|bibs?|nursery|toddler|teething)\b/i,
    words: [
      "toy",
      "toys",
      "game",
      "games",
      "children",
      "childrens",
      "kids",
      "jigsaw",
      "puppet",
      "spaceboy",
      "circus",
      "play",
      "craft",
      "kit",
    ],
  },
  {
    // Young children at school (5 to 7): toys and games, no baby things.
    pattern: /\b([5-7][- ]?(year|yr)s?[- ]?old)\b/i,
    who: "a child",
    avoid:
      /\b(necklace|bracelet|earrings?|wine|gin|beer|cocktail|shot glass|ashtray|razor|cards?(?! game)|baby|babies|bibs?|nursery|teething)\b/i,
    words: [
      "toy",
      "toys",
      "game",
      "games",
      "children",
      "childrens",
      "kids",
      "doll",
      "puppet",
      "jigsaw",
      "play",
      "spaceboy",
      "circus",
      "dolly",
    ],
  },
  {
    pattern:
      /\b(\d{1,2}[- ]?(year|yr)s?[- ]?old|toddlers?|child|children|kids?|little (boy|girl|one)s?|baby|babies|sons?|daughters?|daugh?ters?|daugther|doughters?|nephews?|nieces?|neices?|grandsons?|granddaughters?|grandkids?|grandchildren|godsons?|goddaughters?|boys?|girls?|twins|triplets)('s)?\b/i,
    who: "a child",
    words: [
      "toy",
      "toys",
      "game",
      "games",
      "children",
      "childrens",
      "kids",
      "baby",
      "doll",
      "puppet",
      "jigsaw",
      "play",
      "spaceboy",
      "circus",
      "dolly",
    ],
    // Jewellery and drink are not for children; a greeting card is no present (a card game is).
    avoid: /\b(necklace|bracelet|earrings?|wine|gin|beer|cocktail|shot glass|ashtray|razor|cards?(?! game))\b/i,
  },
  {
    pattern: /\b(gran|granny|grandma|grandmother|nan|nana|nanna|grandparents?|grandad|grandpa|grandfather|elderly)\b/i,
    who: "a grandparent",
    avoid: ADULT_AVOID,
    words: [
      "tea",
      "teacup",
      "knitted",
      "cosy",
      "hot water bottle",
      "cushion",
      "garden",
      "vintage",
      "rose",
      "regency",
      "cake",
      "photo frame",
    ],
  },
  {
    pattern:
      /\b(mother[- ]in[- ]law|sister[- ]in[- ]law|mum|mom|mother|mummy|mam|wife|girlfriend|sister|auntie|aunt)('s)?\b/i,
    who: "her",
    avoid: ADULT_AVOID,
    words: ["candle", "jewellery", "necklace", "bracelet", "rose", "heart", "love", "bag", "cushion", "tea"],
  },
  {
    pattern: /\b(father[- ]in[- ]law|brother[- ]in[- ]law|dad|father|husband|boyfriend|brother|uncle)('s)?\b/i,
    who: "him",
    avoid: ADULT_AVOID,
    words: [
      "mug",
      "garden tools",
      "hot water bottle",
      "playing cards",
      "wallet",
      "beer",
      "whisky",
      "cufflinks",
      "bbq",
      "gardeners",
    ],
  },
  {
    pattern:
      /\b(teachers?|colleagues?|coworkers?|co-workers?|boss|neighbours?|neighbors?|host|hostess|friends?|mates?|pals?|besties?|bff|cousins?|partners?|fianc[eé]e?s?|flat-?mates?|house-?mates?|room-?mates?|relatives?|in-laws|godparents?|godmother|godfather|clients?|secret santa)\b/i,
    who: "them",
    avoid: ADULT_AVOID,
    words: ["mug", "notebook", "candle", "card", "tea", "pen", "cake"],
  },
];

// "mates just moved into a new flat", "they're moving house": a home-warming present.
const HOUSEWARMING =
  /\b(house ?warming|new (?:home|house|flat|place|apartment|pad|build)|mov(?:ed|ing|es) (?:in(?:to)?(?: (?:a|the|their|her|his|my|our) (?:new )?(?:home|house|flat|place|apartment))?|house|home|flat)|first (?:home|house|flat))\b/i;
// "my cousin just had a baby", "they're expecting": a present for a new baby.
const NEW_BABY =
  /\b(baby shower|new baby|christening|newborn|new parents?|(?:mum|mom|mother)[- ]to[- ]be|gender reveal|(?:just |recently )?(?:had|having) (?:a|the|their|her|his|our) (?:baby|little one)|(?:a |the |their |her )?baby (?:is )?(?:due|on the way)|(?:is|are|who'?s|they'?re|she'?s) expecting)\b/i;

/**
 * Occasions steer the same way ("something for christmas", "a birthday present"). `phrase`
 * marks the words that only name the occasion and are no product ("baby shower" is not a
 * shower cap, "stocking fillers" not filler pads): they are taken out of the search words.
 */
export const OCCASIONS: { pattern: RegExp; words: string[]; phrase?: RegExp; avoid?: RegExp }[] = [
  {
    pattern: /\b(christmas|xmas|festive|stocking fillers?|secret santa)\b/i,
    words: ["christmas", "xmas", "advent", "santa", "reindeer"],
    phrase: /\b(stocking fillers?|secret santa)\b/gi,
  },
  { pattern: /\b(birthday|bday)\b/i, words: ["birthday", "party", "cake", "candles"] },
  {
    pattern: /\b(mother'?s day|mothering sunday|father'?s day)\b/i,
    words: ["love", "heart", "rose", "candle", "tea", "photo frame", "cushion"],
    phrase: /\b(mother'?s day|mothering sunday|father'?s day)\b/gi,
    avoid: ADULT_AVOID,
  },
  {
    pattern: /\b(wedding|anniversary|valentine'?s?( day)?|engagement)\b/i,
    words: ["love", "heart", "wedding", "rose", "photo frame", "candle"],
    avoid: ADULT_AVOID,
    phrase: /\b(anniversary|valentine'?s?( day)?|engagement)\b/gi,
  },
  { pattern: /\b(easter)\b/i, words: ["easter", "egg", "rabbit", "bunny", "chick"] },
  {
    pattern: HOUSEWARMING,
    words: ["home", "doormat", "cushion", "candle", "sign", "vase", "photo frame"],
    avoid: ADULT_AVOID,
    phrase: new RegExp(HOUSEWARMING.source, "gi"),
  },
  {
    pattern: NEW_BABY,
    words: ["baby", "nursery"],
    phrase: new RegExp(NEW_BABY.source, "gi"),
  },
  {
    pattern: /\b(end of (the )?term|end of (the )?year|leaving|retirement|retiring|thank you|get well( soon)?)\b/i,
    words: ["mug", "notebook", "candle", "tea", "cake", "photo frame", "sign"],
    avoid: ADULT_AVOID,
    phrase: /\b(end of (the )?term|end of (the )?year|leaving|retirement|retiring|thank you|get well( soon)?)\b/gi,
  },
];

/** A request for a present: greeting cards, wrap and tags are not one unless asked for. */
export const GIFT = /\b(gifts?|presents?|prezzies?|pressies?|something for)\b/i;
export const NOT_A_PRESENT =
  /\b(cards?(?! game)|wrap|wrapping|gift bags?|gift tags?|tags|ribbons?|tissue|envelopes?)\b/i;

/**
 * Chat shorthand read as the words it stands for before anything else reads the message
 * ("hw much r they", "have u got"). Not a spelling correction: nothing is said about it.
 */
export const SHORTHAND: Record<string, string> = {
  hw: "how",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  tomoz: "tomorrow",
  "2moro": "tomorrow",
  til: "until",
  bday: "birthday",
  "b-day": "birthday",
  u: "you",
  ya: "you",
  ur: "your",
  r: "are",
  wat: "what",
  wot: "what",
  wht: "what",
  hv: "have",
  cn: "can",
  abt: "about",
  thx: "thanks",
  thnx: "thanks",
  ty: "thank you",
  wanna: "want to",
  gimme: "give me",
  pls: "please",
  plz: "please",
  im: "i'm",
  dont: "don't",
  cant: "can't",
  whats: "what's",
  wheres: "where's",
  hows: "how's",
  doesnt: "doesn't",
  isnt: "isn't",
  didnt: "didn't",
  shd: "should",
  wld: "would",
  cld: "could",
  b4: "before",
  asap: "as soon as possible",
  xmas: "christmas",
  prezzie: "present",
  pressie: "present",
};

const SHORTHAND_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}@.'])(${Object.keys(SHORTHAND).join("|")})(?![\\p{L}\\p{N}@'])`,
  "giu",
);

/** The message with chat shorthand written out; everything else as written. */
export function expandShorthand(text: string): string {
  // Emails and links are left whole ("u.smith@example.com" is nobody's "you").
  return text.replace(/\S+/g, (token) => (/[@/]/.test(token) ? token : expandToken(token)));
}

function expandToken(token: string): string {
  return token.replace(SHORTHAND_PATTERN, (word) => {
    const full = SHORTHAND[word.toLowerCase()];
    return word[0] === word[0].toUpperCase() && word[0] !== word[0].toLowerCase()
      ? full.charAt(0).toUpperCase() + full.slice(1)
      : full;
  });
}
