import type { MessageKey } from "../en/messages";

/* Die Antworten der eingebauten Engine auf Deutsch (ICU MessageFormat, siehe en/messages.ts). */
export const MESSAGES: Record<MessageKey, string> = {
  greeting:
    "Hallo! Ich bin der Assistent von {shop}. Ich helfe bei Bestellungen, Versand, Rücksendungen und bei der Suche nach Produkten.",
  thanks: "Gern geschehen! Kann ich sonst noch helfen?",
  goodbye: "Danke für Ihren Besuch. Auf Wiedersehen!",
  identity:
    "Ich bin der virtuelle Assistent von {shop}, ein automatisches Programm und kein Mensch. Ich helfe bei Bestellungen, Versand, Rücksendungen und bei der Suche nach Produkten, und ich kann jederzeit eine Person aus dem Shop dazuholen.",
  handoffComplaint:
    "Das tut mir leid. Ich habe eine Person aus dem Shop gebeten, sich darum zu kümmern; sie antwortet Ihnen hier.",
  handoffMisunderstood:
    "Entschuldigung, ich verstehe Sie nicht. Ich habe eine Person aus dem Shop um Hilfe gebeten; sie antwortet Ihnen hier.",
  handoffRequested: "Gern. Ich habe eine Person aus dem Shop dazugebeten; sie antwortet Ihnen hier.",
  outOfScope:
    "Dabei kann ich leider nicht helfen. Ich beantworte Fragen zu Bestellungen, Versand, Rücksendungen und Produkten oder verbinde Sie mit einer Person.",
  privacy:
    "Mit „Meine Daten nicht verwenden“ im Menü dieses Chats können Sie verhindern, dass Ihr Surfverhalten für Empfehlungen genutzt wird. Für eine Kopie Ihrer Daten oder deren Löschung wenden Sie sich an den Shop; eine Person hilft Ihnen gern.",
  policiesSilent: "Die Richtlinien und die FAQ des Shops sagen nichts über {topics}. Soll ich eine Person fragen?",
  contactAt: "Sie erreichen {shop} unter {email}.",
  notInPolicy: "Das habe ich in der Seite „{policy}“ des Shops nicht gefunden. Soll ich eine Person fragen?",
  notInPolicies:
    "Das habe ich weder in den Richtlinien noch in der FAQ des Shops gefunden. Soll ich eine Person fragen?",
  aboutProduct: "Zu {product}: ",
  untranslated: "(Text des Shops, nicht ins Deutsche übersetzt.)",
  searchFound: "Das habe ich gefunden{filters}:",
  searchMore: "Hier sind weitere Vorschläge{filters}:",
  priceFrom: "{count, plural, one {Es kostet {price}} other {Die Preise beginnen bei {price}}}{filters}:",
  cheapest: "Am günstigsten{filters} ist {product}, für {price}:",
  notSold: "Leider führt {shop} „{what}“ nicht.",
  notSoldClosest: "Leider führt {shop} „{what}“ nicht. Am nächsten kommt: {kinds}.",
  notSoldWeSell: "Leider führt {shop} „{what}“ nicht. Wir führen: {kinds}.",
  nothingInStock:
    "Ich habe gerade nichts auf Lager gefunden{filters}. Versuchen Sie andere Wörter, oder fragen Sie mich nach Empfehlungen.",
  nothingElseInStock: "Ich habe gerade nichts weiteres auf Lager gefunden{filters}.",
  recommendLead: "Das könnte Ihnen gefallen{audience}:",
  noRecommendation: "Ich habe gerade keine passende Empfehlung. Sagen Sie mir, was Sie suchen, dann suche ich im Shop.",
  suggestShow: "Zeig mir: {kind}",
  suggestMore: "Zeig mir mehr",
  suggestSimilar: "Zeig mir Ähnliches",
  bestsellersLead: "Hier sind unsere Bestseller, die auf Lager sind:",
  suggestCheaper: "Günstiger",
  askOrderNumber:
    "Das kann ich nachsehen. Wie lautet Ihre Bestellnummer? Sie beginnt mit # und steht in Ihrer Bestätigungs-E-Mail.",
  askOrderEmail:
    "Zum Schutz Ihrer Bestellung: Mit welcher E-Mail-Adresse haben Sie die Bestellung Nr. {number} aufgegeben?",
  noOrdersYet:
    "Ich sehe noch keine Bestellungen in Ihrem Konto. Wenn Sie als Gast bestellt haben, nennen Sie mir die Bestellnummer.",
  orderNotFound:
    "Ich habe keine Bestellung mit dieser Nummer und E-Mail-Adresse gefunden. Bitte prüfen Sie beides und versuchen Sie es noch einmal.",
  orderStopTrying:
    "Ich finde weiterhin keine Bestellung mit diesen Angaben und höre hier auf zu suchen. Eine Person aus dem Shop hilft Ihnen, sie zu finden.",
  soldOut: "{product} ist im Moment ausverkauft.",
  inStock: "{product} ist auf Lager.",
  inStockFew: "{product} ist auf Lager, {count, plural, one {nur noch # Stück} other {nur noch # Stück}}.",
  costs:
    "{product} kostet {from, select, yes {ab } other {}}{price}{was, select, none {} other {, reduziert von {was}}} und ist {available, select, yes {auf Lager} other {im Moment ausverkauft}}.",
  suggestPerson: "Mit einer Person sprechen",
  suggestOrder: "Wo ist meine Bestellung?",
  suggestReturns: "Wie sind Ihre Rückgabebedingungen?",
  suggestBestsellers: "Zeig mir die Bestseller",
};

/** Question words and verbs of asking, which say nothing of a question's topic. */
export const QUESTION_WORDS = [
  "wie",
  "wann",
  "wo",
  "wohin",
  "woher",
  "was",
  "welche",
  "welcher",
  "welches",
  "warum",
  "wieviel",
  "wieviele",
  "kann",
  "könnte",
  "können",
  "kannst",
  "möchte",
  "würde",
  "bitte",
  "danke",
  "gibt",
  "geht",
  "sagen",
  "wissen",
];
