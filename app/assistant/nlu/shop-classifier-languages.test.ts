import { describe, expect, it } from "vitest";
import { OUT_OF_SCOPE } from "./classifier";
import { createShopIntentClassifier } from "./shop-classifier";
import { SHOP_INTENTS } from "./shop-examples";

// Written for this test, not copied from the built-in examples: two messages per intent as a
// shopper in each language might type them.
const FRESH: Record<"de" | "fr" | "es", [string, string][]> = {
  de: [
    ["hallo, wo steckt meine bestellung 1093?", "order_status"],
    ["gibt es schon eine sendungsnummer für mein paket", "order_status"],
    ["bitte bestellung 1077 stornieren, brauch ich nicht mehr", "cancel_order"],
    ["kann ich die bestellung von vorhin noch stornieren", "cancel_order"],
    ["ich hab die falsche lieferadresse angegeben, bitte ändern", "change_address"],
    ["bitte die adresse meiner bestellung auf mein büro ändern", "change_address"],
    ["wie schicke ich einen zu großen pulli zurück", "returns_refunds"],
    ["wann bekomme ich mein geld für die retoure zurück", "returns_refunds"],
    ["liefert ihr auch in die niederlande", "shipping"],
    ["was kostet expressversand nach österreich", "shipping"],
    ["kann ich mit paypal oder klarna zahlen", "payment_methods"],
    ["nehmt ihr american express", "payment_methods"],
    ["habt ihr einen gutschein für mich", "discounts"],
    ["gibt es rabatt für studenten", "discounts"],
    ["habt ihr wollmützen", "product_search"],
    ["ich suche eine schwarze lederjacke", "product_search"],
    ["gibt es den grünen hoodie in l", "product_question"],
    ["aus welchem stoff ist das leinenkleid", "product_question"],
    ["was würdest du meinem opa schenken", "recommendation"],
    ["welches produkt ist bei euch am beliebtesten", "recommendation"],
    ["wann macht ihr samstags auf", "store_info"],
    ["wie ist die telefonnummer vom kundenservice", "store_info"],
    ["kann ich bitte mit einem echten menschen sprechen", "human_handoff"],
    ["verbinden sie mich mit einem mitarbeiter", "human_handoff"],
    ["hallo!", "greeting"],
    ["guten morgen, ich hoffe es geht dir gut", "greeting"],
    ["vielen dank für deine hilfe", "thanks"],
    ["danke, super", "thanks"],
    ["tschüss, schönen abend noch", "goodbye"],
    ["mehr wollte ich nicht, auf wiedersehen", "goodbye"],
    ["meine bestellung kam kaputt an und ich bin echt sauer", "complaint"],
    ["die qualität von dem hemd ist grauenhaft", "complaint"],
    ["ich hab das passwort für mein konto vergessen", "account"],
    ["wie lege ich ein kundenkonto an", "account"],
    ["bitte keine werbemails mehr schicken", "privacy_optout"],
    ["löscht bitte alle daten die ihr über mich habt", "privacy_optout"],
  ],
  fr: [
    ["bonjour, où en est ma commande 1093 ?", "order_status"],
    ["vous avez un numéro de suivi pour mon colis", "order_status"],
    ["merci d'annuler la commande 1077, je n'en ai plus besoin", "cancel_order"],
    ["je peux encore annuler ce que j'ai commandé tout à l'heure", "cancel_order"],
    ["je me suis trompée d'adresse de livraison, vous pouvez la changer", "change_address"],
    ["changez l'adresse de ma commande pour mon bureau svp", "change_address"],
    ["comment renvoyer un pull trop grand", "returns_refunds"],
    ["quand est-ce que je serai remboursé de mon retour", "returns_refunds"],
    ["vous livrez aux pays-bas ?", "shipping"],
    ["combien coûte la livraison express en belgique", "shipping"],
    ["on peut payer par paypal ou klarna", "payment_methods"],
    ["vous prenez l'american express", "payment_methods"],
    ["vous avez un code de réduction pour moi", "discounts"],
    ["il y a une remise étudiant", "discounts"],
    ["vous avez des bonnets en laine", "product_search"],
    ["je cherche un blouson en cuir noir", "product_search"],
    ["le sweat vert existe en l ?", "product_question"],
    ["la robe en lin est faite dans quel tissu", "product_question"],
    ["tu offrirais quoi à mon grand-père", "recommendation"],
    ["quel est votre produit le plus populaire", "recommendation"],
    ["vous ouvrez à quelle heure le samedi", "store_info"],
    ["c'est quoi le téléphone du service client", "store_info"],
    ["je voudrais parler à un vrai humain svp", "human_handoff"],
    ["passez-moi un membre de l'équipe", "human_handoff"],
    ["bonjour !", "greeting"],
    ["salut, j'espère que tu vas bien", "greeting"],
    ["merci beaucoup pour ton aide", "thanks"],
    ["super merci, c'est parfait", "thanks"],
    ["au revoir, bonne soirée à vous", "goodbye"],
    ["c'est tout ce qu'il me fallait, au revoir", "goodbye"],
    ["ma commande est arrivée cassée et je suis furieuse", "complaint"],
    ["la qualité de cette chemise est horrible", "complaint"],
    ["j'ai oublié le mot de passe de mon compte", "account"],
    ["comment je crée un compte client", "account"],
    ["arrêtez de m'envoyer vos mails publicitaires", "privacy_optout"],
    ["supprimez toutes les données que vous avez sur moi", "privacy_optout"],
  ],
  es: [
    ["hola, dónde anda mi pedido 1093?", "order_status"],
    ["tenéis ya número de seguimiento de mi paquete", "order_status"],
    ["cancelad el pedido 1077 por favor, ya no lo necesito", "cancel_order"],
    ["todavía puedo cancelar lo que pedí hace un rato", "cancel_order"],
    ["puse mal la dirección de envío, la podéis cambiar", "change_address"],
    ["cambiad la dirección de mi pedido a la oficina por favor", "change_address"],
    ["cómo devuelvo un jersey que me queda grande", "returns_refunds"],
    ["cuándo me devolvéis el dinero de la devolución", "returns_refunds"],
    ["enviáis a los países bajos?", "shipping"],
    ["cuánto cuesta el envío urgente a portugal", "shipping"],
    ["puedo pagar con paypal o klarna", "payment_methods"],
    ["aceptáis american express", "payment_methods"],
    ["tenéis algún cupón de descuento para mí", "discounts"],
    ["hay descuento de estudiante", "discounts"],
    ["tenéis gorros de lana", "product_search"],
    ["busco una cazadora de cuero negra", "product_search"],
    ["la sudadera verde la tenéis en l?", "product_question"],
    ["de qué tela es el vestido de lino", "product_question"],
    ["qué le regalarías a mi abuelo", "recommendation"],
    ["cuál es vuestro producto más popular", "recommendation"],
    ["a qué hora abrís los sábados", "store_info"],
    ["cuál es el teléfono de atención al cliente", "store_info"],
    ["quiero hablar con un humano de verdad por favor", "human_handoff"],
    ["pásame con alguien del equipo", "human_handoff"],
    ["hola!", "greeting"],
    ["buenos días, espero que estés bien", "greeting"],
    ["muchas gracias por tu ayuda", "thanks"],
    ["genial gracias, perfecto", "thanks"],
    ["adiós, que paséis buena tarde", "goodbye"],
    ["eso era todo lo que necesitaba, adiós", "goodbye"],
    ["mi pedido llegó roto y estoy muy enfadado", "complaint"],
    ["la calidad de esta camisa es horrible", "complaint"],
    ["olvidé la contraseña de mi cuenta", "account"],
    ["cómo me hago una cuenta de cliente", "account"],
    ["dejad de mandarme correos de publicidad", "privacy_optout"],
    ["borrad todos los datos que tenéis de mí", "privacy_optout"],
  ],
};

const UNRELATED: Record<"de" | "fr" | "es", string[]> = {
  de: [
    "wie wird das wetter am wochenende",
    "erzähl mir einen lustigen witz",
    "was ist 345 geteilt durch 5",
    "wer ist der premierminister von kanada",
    "wie wechsle ich das öl bei meinem auto",
    "reservier mir einen tisch beim sushi restaurant",
  ],
  fr: [
    "quel temps va-t-il faire ce week-end",
    "raconte-moi une histoire drôle",
    "combien font 345 divisé par 5",
    "qui est le premier ministre du canada",
    "comment faire la vidange de ma voiture",
    "réserve-moi une table dans un restaurant de sushis",
  ],
  es: [
    "qué tiempo va a hacer este fin de semana",
    "cuéntame algo gracioso",
    "cuánto es 345 entre 5",
    "quién es el primer ministro de canadá",
    "cómo cambio el aceite de mi coche",
    "resérvame una mesa en un restaurante de sushi",
  ],
};

for (const language of ["de", "fr", "es"] as const) {
  describe(`createShopIntentClassifier in ${language}`, () => {
    const classifier = createShopIntentClassifier([], { language });

    it("GIVEN the language's built-in examples WHEN trained THEN every shop intent is there", () => {
      expect(classifier.intents).toEqual([...SHOP_INTENTS].sort());
    });

    it("GIVEN fresh paraphrases WHEN classified THEN at least 90 % get their intent", () => {
      const wrong = FRESH[language]
        .map(([text, intent]) => ({ text, intent, got: classifier.classify(text).intent }))
        .filter((r) => r.got !== r.intent);
      expect(1 - wrong.length / FRESH[language].length, JSON.stringify(wrong, null, 1)).toBeGreaterThanOrEqual(0.9);
    });

    it("GIVEN unrelated questions in the language WHEN classified THEN they are out of scope", () => {
      const answered = UNRELATED[language]
        .map((text) => ({ text, got: classifier.classify(text).intent }))
        .filter((r) => r.got !== null);
      expect(answered.length, JSON.stringify(answered)).toBeLessThanOrEqual(1);
      expect(classifier.calibration.recallTargetMet).toBe(true);
    });
  });
}

describe("createShopIntentClassifier: merchant phrases per language", () => {
  const wrap = (language: string | undefined) =>
    [
      "verpackt ihr das als geschenk",
      "geschenkverpackung möglich",
      "könnt ihr das hübsch einpacken",
      "ist geschenkpapier dabei",
      "bitte als geschenk verpacken",
      "was kostet die geschenkverpackung",
    ].map((text) => ({ text, intent: "gift_wrap", language }));

  it("GIVEN German phrases WHEN the German classifier trains THEN it learns them and the French one does not", () => {
    const german = createShopIntentClassifier(wrap("de-DE"), { language: "de" });
    const french = createShopIntentClassifier(wrap("de-DE"), { language: "fr" });
    expect(german.intents).toContain("gift_wrap");
    expect(german.classify("könnt ihr es als geschenk verpacken").intent).toBe("gift_wrap");
    expect(french.intents).not.toContain("gift_wrap");
  });

  it("GIVEN phrases saved without a language WHEN trained THEN they count for the shop's primary language only", () => {
    expect(createShopIntentClassifier(wrap(undefined), { language: "de", primaryLanguage: "de" }).intents).toContain(
      "gift_wrap",
    );
    expect(createShopIntentClassifier(wrap(undefined), { language: "de" }).intents).not.toContain("gift_wrap");
  });

  it("GIVEN merchant out-of-scope phrases in Spanish WHEN added THEN such questions are declined", () => {
    const shop = createShopIntentClassifier(
      [
        { text: "reparáis bicicletas", intent: OUT_OF_SCOPE, language: "es" },
        { text: "me arregláis la bici", intent: OUT_OF_SCOPE, language: "es" },
        { text: "servicio de reparación de bicis", intent: OUT_OF_SCOPE, language: "es" },
      ],
      { language: "es" },
    );
    expect(shop.classify("podéis reparar mi bicicleta").intent).toBeNull();
  });

  it("GIVEN a language without built-in examples WHEN asked for THEN it fails loudly", () => {
    expect(() => createShopIntentClassifier([], { language: "it" })).toThrow(/no built-in examples/);
  });
});
