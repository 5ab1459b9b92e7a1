import type { FakeShop } from "../../tests/fake-shopify/store";
import { pick, seededRandom } from "../../tests/factories/random";
import { messageMix, type Script } from "./messages";

/**
 * The mixed-language run of `npm run bench:chat`: a shop publishing English, French, German and
 * Spanish, its shoppers writing each (a quarter of the conversations each), on the storefront
 * of their language, with a switch of language inside some conversations. Written for the
 * bench; none of it is a training example.
 */

export interface MixedScript extends Script {
  /** The storefront locale the widget sends. */
  locale: string;
}

const WRITTEN: Record<
  "fr" | "de" | "es",
  (random: () => number, order: { name: string; email: string }) => string[][]
> = {
  fr: (random, order) => [
    ["Bonjour, je cherche un cadeau pour ma sœur", `plutôt en ${pick(random, ["rouge", "bleu", "vert"])} ?`, "merci !"],
    ["Comment puis-je retourner un article ?", "et le remboursement prend combien de temps ?"],
    ["Vous livrez en Belgique ?", "combien coûte la livraison ?"],
    [`Où en est ma commande ${order.name} ?`, order.email],
    ["Je voudrais parler à quelqu'un, s'il vous plaît"],
    ["Quel temps fait-il à Paris demain ?", "d'accord, au revoir"],
    ["Avez-vous des bougies à moins de 10 € ?", "et moins cher ?"],
  ],
  de: (random, order) => [
    [
      "Hallo, ich suche ein Geschenk für meinen Vater",
      `gibt es das auch in ${pick(random, ["rot", "blau", "grün"])}?`,
      "danke!",
    ],
    ["Wie kann ich einen Artikel zurückschicken?", "wann bekomme ich mein Geld zurück?"],
    ["Liefert ihr nach Österreich?", "was kostet der Versand?"],
    [`Wo ist meine Bestellung ${order.name}?`, order.email],
    ["Ich möchte bitte mit einem Menschen sprechen"],
    ["Wer gewinnt heute das Fußballspiel?", "ok, tschüss"],
    ["Habt ihr Kerzen unter 10 Euro?", "etwas Günstigeres?"],
  ],
  es: (random, order) => [
    ["Hola, busco un regalo para mi madre", `¿lo tenéis en ${pick(random, ["rojo", "azul", "verde"])}?`, "¡gracias!"],
    ["¿Cómo puedo devolver un artículo?", "¿cuánto tarda el reembolso?"],
    ["¿Enviáis a México?", "¿cuánto cuesta el envío?"],
    [`¿Dónde está mi pedido ${order.name}?`, order.email],
    ["Quiero hablar con una persona, por favor"],
    ["¿Quién ganó el partido de ayer?", "vale, adiós"],
    ["¿Tenéis velas por menos de 10 €?", "¿algo más barato?"],
  ],
};

export function mixedMessageMix(shop: FakeShop, { turns, seed }: { turns: number; seed: number }): MixedScript[] {
  const random = seededRandom(seed);
  const english = messageMix(shop, { turns, seed });
  const orders = [...shop.orders.values()].filter((o) => o.email);
  const scripts: MixedScript[] = [];
  let count = 0;
  for (let i = 0; count < turns; i++) {
    const language = (["en", "fr", "de", "es"] as const)[i % 4];
    let messages: string[];
    if (language === "en") messages = english[i % english.length].messages;
    else {
      const order = pick(random, orders);
      messages = [...pick(random, WRITTEN[language](random, { name: order.name, email: order.email! }))];
      // One conversation in five goes on in English, as a shopper switching language does.
      if (random() < 0.2) messages.push("sorry, can we continue in English? where is my order?");
    }
    scripts.push({ id: `mixed-${i}`, customerId: null, messages, locale: language });
    count += messages.length;
  }
  return scripts;
}
