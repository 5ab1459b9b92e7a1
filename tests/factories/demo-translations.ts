/**
 * Demo translations, written for this project: the French, German and Spanish text the
 * demo store's merchant would have entered in Shopify's Translate & Adapt. None of it comes
 * from a dataset or a translation service.
 *
 * - The policies are written out in full, one text per language.
 * - Product titles are made by a small deterministic word-and-phrase dictionary over the
 *   Online Retail titles (short, upper-case: "WHITE HANGING HEART T-LIGHT HOLDER"), for the
 *   few hundred best-selling products. Each phrase is looked up, the head noun (the last
 *   word of most titles) is put first, catalogue style, and nothing is inflected: the result
 *   reads like a terse shop listing ("Photophore cœur suspendu blanc", "Teelichthalter
 *   Herz hängend weiß"), not like prose. A title with a word the dictionary lacks is left
 *   untranslated, as a merchant's partly translated catalogue would be, so the assistant's
 *   fallback to English shows too. Descriptions of those products ("<p>Title.</p>") and every
 *   product type and collection title are translated with them.
 */
import type { FakePolicy, FakeProduct, FakeShop, FakeTranslation } from "../fake-shopify/store";
import { policyGid } from "../fake-shopify/store";

export const DEMO_LANGUAGES = ["fr", "de", "es"] as const;
export type DemoLanguage = (typeof DEMO_LANGUAGES)[number];

// ---- Policies ----------------------------------------------------------------------------

const POLICY_BODIES: Record<DemoLanguage, Record<FakePolicy["type"], string>> = {
  fr: {
    REFUND_POLICY: `<h2>Retours</h2><p>Vous pouvez retourner la plupart des articles dans les 30 jours suivant la livraison pour un remboursement complet. Les articles doivent être inutilisés et dans leur emballage d'origine. Les articles personnalisés, les cartes cadeaux et les produits alimentaires ouverts ne peuvent pas être retournés.</p>
<h2>Comment faire un retour</h2><p>Écrivez à help@demo-gift-shop.example en indiquant votre numéro de commande. Nous vous envoyons une étiquette de retour prépayée pour le Royaume-Uni ; hors du Royaume-Uni, les frais de retour sont à votre charge.</p>
<h2>Remboursements</h2><p>Dès réception et contrôle de votre retour, nous remboursons le moyen de paiement d'origine sous 5 jours ouvrés. Les frais de livraison ne sont remboursés que si l'article est arrivé endommagé ou ne correspond pas à votre commande.</p>
<h2>Articles endommagés ou erronés</h2><p>Si un article arrive endommagé ou ne correspond pas à votre commande, prévenez-nous sous 14 jours avec une photo : nous le remplaçons ou le remboursons intégralement, livraison comprise.</p>
<h2>Échanges</h2><p>Nous ne faisons pas d'échange direct. Retournez l'article pour être remboursé et passez une nouvelle commande pour celui que vous souhaitez.</p>`,
    SHIPPING_POLICY: `<h2>Où nous livrons</h2><p>Nous livrons au Royaume-Uni, dans l'Union européenne, en Suisse, en Norvège, aux États-Unis, au Canada et en Australie.</p>
<h2>Livraison au Royaume-Uni</h2><p>La livraison standard (Royal Mail 2nd class) prend 2 à 4 jours ouvrés et coûte 3,95 £, offerte dès 40 £ d'achat. La livraison express (le jour ouvré suivant pour toute commande passée avant 13 h) coûte 6,95 £.</p>
<h2>Livraison internationale</h2><p>Union européenne, Suisse et Norvège : 4 à 8 jours ouvrés, 9,95 £. États-Unis et Canada : 6 à 10 jours ouvrés, 14,95 £. Australie : 8 à 14 jours ouvrés, 17,95 £. Hors du Royaume-Uni, les droits de douane et taxes d'importation sont à la charge du destinataire.</p>
<h2>Délai de préparation</h2><p>Les commandes sont préparées et expédiées sous 1 jour ouvré. Vous recevez un lien de suivi par e-mail dès que votre colis part de chez nous.</p>`,
    PRIVACY_POLICY: `<p>Nous recueillons les informations que vous nous donnez lors d'une commande (nom, e-mail, adresses, téléphone) pour livrer votre commande et répondre à vos questions. Nous ne vendons pas vos données. Vous pouvez en demander une copie ou leur suppression en écrivant à help@demo-gift-shop.example. Notre assistant de discussion conserve les conversations 90 jours.</p>`,
    TERMS_OF_SERVICE: `<p>En commandant chez Demo Gift Shop, vous acceptez ces conditions. Les prix incluent la TVA britannique. Nous pouvons annuler une commande si un article est en rupture de stock ou affiché à un prix erroné, et vous rembourser intégralement.</p>`,
    CONTACT_INFORMATION: `<p>Demo Gift Shop Ltd, 12 Market Street, Bristol BS1 1AA, Royaume-Uni. Écrivez à help@demo-gift-shop.example ou appelez le +44 117 496 0000, du lundi au vendredi de 9 h à 17 h 30 (heure du Royaume-Uni).</p>`,
  },
  de: {
    REFUND_POLICY: `<h2>Rücksendungen</h2><p>Die meisten Artikel können Sie innerhalb von 30 Tagen nach der Lieferung gegen volle Erstattung zurücksenden. Die Artikel müssen unbenutzt und in der Originalverpackung sein. Personalisierte Artikel, Geschenkkarten und geöffnete Lebensmittel sind von der Rücksendung ausgeschlossen.</p>
<h2>So senden Sie etwas zurück</h2><p>Schreiben Sie an help@demo-gift-shop.example und nennen Sie Ihre Bestellnummer. Wir schicken Ihnen ein frankiertes Rücksendeetikett für das Vereinigte Königreich; außerhalb des Vereinigten Königreichs tragen Sie die Rücksendekosten.</p>
<h2>Erstattungen</h2><p>Sobald Ihre Rücksendung bei uns eingegangen und geprüft ist, erstatten wir den Betrag innerhalb von 5 Werktagen auf die ursprüngliche Zahlungsart. Versandkosten erstatten wir nur, wenn der Artikel beschädigt ankam oder nicht dem Bestellten entsprach.</p>
<h2>Beschädigte oder falsche Artikel</h2><p>Kommt ein Artikel beschädigt an oder ist es nicht der bestellte, melden Sie sich innerhalb von 14 Tagen mit einem Foto: Wir ersetzen ihn oder erstatten ihn vollständig, einschließlich Versand.</p>
<h2>Umtausch</h2><p>Einen direkten Umtausch bieten wir nicht an. Senden Sie den Artikel gegen Erstattung zurück und bestellen Sie den gewünschten neu.</p>`,
    SHIPPING_POLICY: `<h2>Wohin wir liefern</h2><p>Wir liefern ins Vereinigte Königreich, in die Europäische Union, in die Schweiz, nach Norwegen, in die Vereinigten Staaten, nach Kanada und nach Australien.</p>
<h2>Lieferung im Vereinigten Königreich</h2><p>Der Standardversand (Royal Mail 2nd class) dauert 2–4 Werktage und kostet 3,95 £, ab 40 £ Bestellwert kostenlos. Der Expressversand (am nächsten Werktag bei Bestellung vor 13 Uhr) kostet 6,95 £.</p>
<h2>Internationaler Versand</h2><p>EU, Schweiz und Norwegen: 4–8 Werktage, 9,95 £. USA und Kanada: 6–10 Werktage, 14,95 £. Australien: 8–14 Werktage, 17,95 £. Außerhalb des Vereinigten Königreichs zahlt der Empfänger Einfuhrzölle und Steuern.</p>
<h2>Bearbeitungszeit</h2><p>Bestellungen werden innerhalb von 1 Werktag verpackt und versandt. Sobald Ihr Paket unser Lager verlässt, erhalten Sie per E-Mail einen Link zur Sendungsverfolgung.</p>`,
    PRIVACY_POLICY: `<p>Wir erheben die Angaben, die Sie uns bei einer Bestellung machen (Name, E-Mail, Adressen, Telefon), um Ihre Bestellung zu liefern und Ihre Fragen zu beantworten. Wir verkaufen Ihre Daten nicht. Eine Kopie Ihrer Daten oder ihre Löschung können Sie per E-Mail an help@demo-gift-shop.example verlangen. Unser Chat-Assistent speichert Unterhaltungen 90 Tage lang.</p>`,
    TERMS_OF_SERVICE: `<p>Mit Ihrer Bestellung bei Demo Gift Shop stimmen Sie diesen Bedingungen zu. Die Preise enthalten die britische Mehrwertsteuer. Wir können eine Bestellung stornieren, wenn ein Artikel nicht vorrätig oder falsch ausgezeichnet ist, und erstatten Ihnen dann den vollen Betrag.</p>`,
    CONTACT_INFORMATION: `<p>Demo Gift Shop Ltd, 12 Market Street, Bristol BS1 1AA, Vereinigtes Königreich. Schreiben Sie an help@demo-gift-shop.example oder rufen Sie +44 117 496 0000 an, Montag bis Freitag 9:00–17:30 Uhr (britische Zeit).</p>`,
  },
  es: {
    REFUND_POLICY: `<h2>Devoluciones</h2><p>Puedes devolver la mayoría de los artículos en un plazo de 30 días desde la entrega y te reembolsamos el importe completo. Los artículos deben estar sin usar y en su embalaje original. Los artículos personalizados, las tarjetas regalo y los alimentos abiertos no se pueden devolver.</p>
<h2>Cómo hacer una devolución</h2><p>Escribe a help@demo-gift-shop.example con tu número de pedido. Te enviamos una etiqueta de devolución prepagada para el Reino Unido; fuera del Reino Unido, el envío de la devolución corre de tu cuenta.</p>
<h2>Reembolsos</h2><p>Cuando recibimos y revisamos tu devolución, reembolsamos el importe en el método de pago original en un plazo de 5 días hábiles. Los gastos de envío solo se reembolsan si el artículo llegó dañado o no era lo que pediste.</p>
<h2>Artículos dañados o equivocados</h2><p>Si un artículo llega dañado o no es lo que pediste, avísanos en un plazo de 14 días y envíanos una foto: lo sustituimos o te lo reembolsamos por completo, envío incluido.</p>
<h2>Cambios</h2><p>No hacemos cambios directos. Devuelve el artículo para que te lo reembolsemos y haz un pedido nuevo del que quieras.</p>`,
    SHIPPING_POLICY: `<h2>Adónde enviamos</h2><p>Enviamos al Reino Unido, a la Unión Europea, a Suiza, a Noruega, a Estados Unidos, a Canadá y a Australia.</p>
<h2>Envío en el Reino Unido</h2><p>El envío estándar (Royal Mail 2nd class) tarda de 2 a 4 días hábiles y cuesta 3,95 £, gratis en pedidos de más de 40 £. El envío exprés (al día hábil siguiente si pides antes de las 13:00) cuesta 6,95 £.</p>
<h2>Envío internacional</h2><p>UE, Suiza y Noruega: de 4 a 8 días hábiles, 9,95 £. Estados Unidos y Canadá: de 6 a 10 días hábiles, 14,95 £. Australia: de 8 a 14 días hábiles, 17,95 £. Fuera del Reino Unido, los aranceles e impuestos de importación los paga el destinatario.</p>
<h2>Plazo de preparación</h2><p>Preparamos y enviamos los pedidos en 1 día hábil. Recibes un enlace de seguimiento por correo electrónico en cuanto tu paquete sale de nuestro almacén.</p>`,
    PRIVACY_POLICY: `<p>Recogemos los datos que nos das al hacer un pedido (nombre, correo electrónico, direcciones, teléfono) para entregar tu pedido y responder a tus preguntas. No vendemos tus datos. Puedes pedir una copia de tus datos o que los borremos escribiendo a help@demo-gift-shop.example. Nuestro asistente de chat guarda las conversaciones durante 90 días.</p>`,
    TERMS_OF_SERVICE: `<p>Al hacer un pedido en Demo Gift Shop aceptas estas condiciones. Los precios incluyen el IVA del Reino Unido. Podemos cancelar un pedido si un artículo está agotado o tiene un precio erróneo, y te reembolsamos el importe completo.</p>`,
    CONTACT_INFORMATION: `<p>Demo Gift Shop Ltd, 12 Market Street, Bristol BS1 1AA, Reino Unido. Escribe a help@demo-gift-shop.example o llama al +44 117 496 0000, de lunes a viernes de 9:00 a 17:30 (hora del Reino Unido).</p>`,
  },
};

export function demoPolicyTranslations(language: DemoLanguage): Record<FakePolicy["type"], string> {
  return POLICY_BODIES[language];
}

// ---- Product types (also the demo's collection titles) ----------------------------------------

export const PRODUCT_TYPE_TRANSLATIONS: Record<string, Record<DemoLanguage, string>> = {
  Christmas: { fr: "Noël", de: "Weihnachten", es: "Navidad" },
  Bags: { fr: "Sacs", de: "Taschen", es: "Bolsas" },
  "Candles & Lights": { fr: "Bougies et lumières", de: "Kerzen und Lichter", es: "Velas y luces" },
  "Kitchen & Dining": { fr: "Cuisine et table", de: "Küche und Tisch", es: "Cocina y mesa" },
  "Stationery & Wrap": {
    fr: "Papeterie et emballage",
    de: "Schreibwaren und Geschenkpapier",
    es: "Papelería y envoltorio",
  },
  "Toys & Games": { fr: "Jouets et jeux", de: "Spielzeug und Spiele", es: "Juguetes y juegos" },
  Garden: { fr: "Jardin", de: "Garten", es: "Jardín" },
  "Jewellery & Accessories": { fr: "Bijoux et accessoires", de: "Schmuck und Accessoires", es: "Joyería y accesorios" },
  Party: { fr: "Fête", de: "Party", es: "Fiesta" },
  "Home Decor": { fr: "Décoration", de: "Wohndeko", es: "Decoración" },
  Gifts: { fr: "Cadeaux", de: "Geschenke", es: "Regalos" },
};

// ---- Product titles -----------------------------------------------------------------------------

/** n: a noun that can head a title; m: any other word; l: a leading quantity ("pack of"). */
type Kind = "n" | "m" | "l";
type Entry = [english: string, fr: string, de: string, es: string, kind: Kind];

// Longest phrases are tried first, so "LUNCH BAG" wins over "LUNCH" and "BAG".
const DICTIONARY: Entry[] = [
  ["PACK OF", "lot de", "Packung mit", "paquete de", "l"],
  ["SET OF", "lot de", "Set mit", "juego de", "l"],
  ["SET/6", "lot de 6", "6er-Set", "juego de 6", "l"],
  ["SET/10", "lot de 10", "10er-Set", "juego de 10", "l"],
  ["SET/20", "lot de 20", "20er-Set", "juego de 20", "l"],
  ["SET/5", "lot de 5", "5er-Set", "juego de 5", "l"],
  ["SET OF4", "lot de 4", "4er-Set", "juego de 4", "l"],
  ["T-LIGHT HOLDER", "photophore", "Teelichthalter", "portavelas", "n"],
  ["T-LIGHT HLDR", "photophore", "Teelichthalter", "portavelas", "n"],
  ["T-LIGHT", "photophore", "Teelicht", "portavelas", "n"],
  ["CAKE CASES", "caissettes à gâteaux", "Muffinförmchen", "cápsulas para magdalenas", "n"],
  ["BAKING CASES", "caissettes de cuisson", "Backförmchen", "cápsulas de horno", "n"],
  ["LUNCH BAG", "sac à déjeuner", "Lunchtasche", "bolsa para el almuerzo", "n"],
  ["LUNCH BOX", "boîte à déjeuner", "Brotdose", "fiambrera", "n"],
  ["JUMBO BAG", "grand sac", "Jumbotasche", "bolsa jumbo", "n"],
  ["JUMBO STORAGE BAG", "grand sac de rangement", "Jumbo-Aufbewahrungstasche", "bolsa jumbo de almacenaje", "n"],
  ["JUMBO SHOPPER", "grand cabas", "Jumbo-Einkaufstasche", "bolsa de compra jumbo", "n"],
  ["CHARLOTTE BAG", "sac Charlotte", "Charlotte-Tasche", "bolsa Charlotte", "n"],
  ["STORAGE JAR", "bocal de rangement", "Vorratsglas", "tarro de almacenaje", "n"],
  ["TRINKET BOX", "boîte à bijoux", "Schmuckdose", "joyero", "n"],
  ["PAPER CHAIN KIT", "kit de guirlande en papier", "Papierketten-Set", "kit de guirnalda de papel", "n"],
  ["PAPER CRAFT", "loisir créatif en papier", "Papierbastelei", "manualidad de papel", "n"],
  ["NIGHT LIGHT", "veilleuse", "Nachtlicht", "lamparita de noche", "n"],
  ["HOT WATER BOTTLE", "bouillotte", "Wärmflasche", "bolsa de agua caliente", "n"],
  ["HAND WARMER", "chauffe-mains", "Handwärmer", "calientamanos", "n"],
  ["JAM MAKING SET", "kit à confiture", "Marmeladen-Set", "kit para mermelada", "n"],
  ["PLACE SETTING", "marque-place", "Platzkarte", "marcasitio", "n"],
  ["SNAP CARDS", "jeu de bataille", "Schnippschnapp-Karten", "cartas de snap", "n"],
  ["IRON ON PATCHES", "écussons thermocollants", "Bügelflicken", "parches termoadhesivos", "n"],
  ["PAPER NAPKINS", "serviettes en papier", "Papierservietten", "servilletas de papel", "n"],
  ["PAPER PLATES", "assiettes en papier", "Pappteller", "platos de papel", "n"],
  ["METAL SIGN", "plaque en métal", "Blechschild", "cartel de metal", "n"],
  ["JELLY MOULDS", "moules à gelée", "Puddingformen", "moldes para gelatina", "n"],
  ["SCENTED CANDLES", "bougies parfumées", "Duftkerzen", "velas perfumadas", "n"],
  ["CARD WALLET", "porte-cartes", "Kartenetui", "tarjetero", "n"],
  ["TRAVEL CARD WALLET", "porte-cartes de voyage", "Reisekartenetui", "tarjetero de viaje", "n"],
  ["RING PURSE", "porte-monnaie", "Geldbörse", "monedero", "n"],
  ["SILK FAN", "éventail en soie", "Seidenfächer", "abanico de seda", "n"],
  ["LIP GLOSS", "brillant à lèvres", "Lipgloss", "brillo de labios", "n"],
  ["EGG CUP", "coquetier", "Eierbecher", "huevera", "n"],
  ["PICTURE FRAME", "cadre photo", "Bilderrahmen", "marco de fotos", "n"],
  ["RECORD COVER FRAME", "cadre pochette de disque", "Plattenhüllenrahmen", "marco para portada de disco", "n"],
  ["RAIN PONCHO", "poncho de pluie", "Regenponcho", "poncho de lluvia", "n"],
  ["CLOTHES PEGS", "pinces à linge", "Wäscheklammern", "pinzas de la ropa", "n"],
  ["KNEELING PAD", "coussin à genoux", "Kniekissen", "almohadilla para arrodillarse", "n"],
  ["SNACK BOXES", "boîtes à goûter", "Snackdosen", "cajas para tentempiés", "n"],
  ["TEACUP AND SAUCER", "tasse et soucoupe", "Teetasse mit Untertasse", "taza y platillo", "n"],
  ["ALARM CLOCK", "réveil", "Wecker", "despertador", "n"],
  ["CAKESTAND", "présentoir à gâteaux", "Etagere", "soporte para tartas", "n"],
  ["CAKE TINS", "boîtes à gâteaux", "Kuchendosen", "latas para pasteles", "n"],
  ["DISCO BALL", "boule à facettes", "Discokugel", "bola de discoteca", "n"],
  ["PARTY BUNTING", "guirlande de fanions", "Wimpelkette", "banderines de fiesta", "n"],
  ["BUNTING", "guirlande de fanions", "Wimpelkette", "banderines", "n"],
  ["KEEP CALM", "Keep Calm", "Keep Calm", "Keep Calm", "m"],
  ["I LOVE LONDON", "I love London", "I love London", "I love London", "m"],
  ["50'S", "années 50", "50er-Jahre", "años 50", "m"],
  ["3 TIER", "3 étages", "3 Etagen", "3 pisos", "m"],
  ["WHITE FINISH", "finition blanche", "weiß lackiert", "acabado blanco", "m"],
  ["ASSORTED COLOUR", "couleurs assorties", "verschiedene Farben", "colores variados", "m"],
  ["ASSORTED COLOURS", "couleurs assorties", "verschiedene Farben", "colores variados", "m"],
  ["MULTI COLOUR", "multicolore", "bunt", "multicolor", "m"],
  ["SET", "lot de", "Set mit", "juego de", "l"],
  ["CARD", "carte", "Karte", "tarjeta", "n"],
  ["GREETING CARD", "carte de vœux", "Grußkarte", "tarjeta de felicitación", "n"],
  ["BIRTHDAY CARD", "carte d'anniversaire", "Geburtstagskarte", "tarjeta de cumpleaños", "n"],
  ["CHRISTMAS CARD", "carte de Noël", "Weihnachtskarte", "tarjeta de Navidad", "n"],
  ["MUG", "mug", "Becher", "taza", "n"],
  ["DRAWER KNOB", "bouton de tiroir", "Schubladenknauf", "tirador de cajón", "n"],
  ["HOT WATER BOTTLE", "bouillotte", "Wärmflasche", "bolsa de agua caliente", "n"],
  ["WATER BOTTLE", "gourde", "Trinkflasche", "botella de agua", "n"],
  ["BOTTLE", "bouteille", "Flasche", "botella", "n"],
  ["DOORMAT", "paillasson", "Fußmatte", "felpudo", "n"],
  ["BOWL", "bol", "Schale", "cuenco", "n"],
  ["BEAKER", "gobelet", "Becher", "vaso", "n"],
  ["PLASTERS IN TIN", "pansements en boîte", "Pflaster in der Dose", "tiritas en lata", "n"],
  ["PLASTERS", "pansements", "Pflaster", "tiritas", "n"],
  ["CUTLERY SET", "set de couverts", "Besteckset", "juego de cubiertos", "n"],
  ["CUTLERY", "couverts", "Besteck", "cubiertos", "n"],
  ["MAGNETS", "aimants", "Magnete", "imanes", "n"],
  ["PLATE", "assiette", "Teller", "plato", "n"],
  ["CUP", "tasse", "Tasse", "taza", "n"],
  ["CUPS", "tasses", "Tassen", "tazas", "n"],
  ["BELL", "clochette", "Glocke", "campanita", "n"],
  ["PLAYING CARDS", "cartes à jouer", "Spielkarten", "naipes", "n"],
  ["CARDS", "cartes", "Karten", "cartas", "n"],
  ["ALARM CLOCK BAKELIKE", "réveil façon bakélite", "Wecker im Bakelit-Stil", "despertador estilo baquelita", "n"],
  ["GIFT TAGS", "étiquettes cadeau", "Geschenkanhänger", "etiquetas de regalo", "n"],
  ["TAGS", "étiquettes", "Anhänger", "etiquetas", "n"],
  ["TOWELS", "torchons", "Geschirrtücher", "paños", "n"],
  ["TEA TOWELS", "torchons", "Geschirrtücher", "paños de cocina", "n"],
  ["APRON", "tablier", "Schürze", "delantal", "n"],
  ["ANGEL", "ange", "Engel", "ángel", "n"],
  ["CUSHION COVER", "housse de coussin", "Kissenbezug", "funda de cojín", "n"],
  ["CUSHION", "coussin", "Kissen", "cojín", "n"],
  ["CANDLE", "bougie", "Kerze", "vela", "n"],
  ["RULER", "règle", "Lineal", "regla", "n"],
  ["JIGSAW", "puzzle", "Puzzle", "puzle", "n"],
  ["PARASOL", "ombrelle", "Sonnenschirm", "sombrilla", "n"],
  ["COOKIE CUTTERS", "emporte-pièces", "Ausstechformen", "cortadores de galletas", "n"],
  ["COOKIE CUTTER", "emporte-pièce", "Ausstechform", "cortador de galletas", "n"],
  ["STORAGE TIN", "boîte de rangement", "Aufbewahrungsdose", "lata de almacenaje", "n"],
  ["CAKE TIN", "boîte à gâteau", "Kuchendose", "lata para pasteles", "n"],
  ["TINS", "boîtes", "Dosen", "latas", "n"],
  ["WALLET", "portefeuille", "Geldbeutel", "cartera", "n"],
  ["PICNIC BASKET", "panier de pique-nique", "Picknickkorb", "cesta de picnic", "n"],
  ["BASKET", "panier", "Korb", "cesta", "n"],
  ["SNACK BOX", "boîte à goûter", "Snackdose", "caja para tentempiés", "n"],
  ["JAM JAR", "pot à confiture", "Marmeladenglas", "tarro de mermelada", "n"],
  ["MILK JUG", "pot à lait", "Milchkännchen", "jarra de leche", "n"],
  ["DOMINOES", "dominos", "Domino", "dominó", "n"],
  ["CHALK STICKS", "craies", "Kreidestifte", "tizas", "n"],
  ["INCENSE", "encens", "Räucherstäbchen", "incienso", "n"],
  ["PENCIL", "crayon", "Bleistift", "lápiz", "n"],
  ["CARD GAME", "jeu de cartes", "Kartenspiel", "juego de cartas", "n"],
  ["GAME", "jeu", "Spiel", "juego", "n"],
  ["SPOT", "à pois", "gepunktet", "de lunares", "m"],
  ["CHILDRENS", "pour enfants", "Kinder", "infantil", "m"],
  ["KIDS", "pour enfants", "Kinder", "infantil", "m"],
  ["PARTY", "de fête", "Party", "de fiesta", "m"],
  ["FELTCRAFT", "en feutrine", "Filz", "de fieltro", "m"],
  ["CIRCUS PARADE", "parade de cirque", "Zirkusparade", "desfile de circo", "m"],
  ["UNION JACK", "Union Jack", "Union Jack", "Union Jack", "m"],
  ["ROSE", "rose", "Rose", "rosa", "m"],
  ["EDWARDIAN", "édouardien", "edwardianisch", "eduardiano", "m"],
  ["HOME", "maison", "Zuhause", "hogar", "m"],
  ["TRAVEL", "de voyage", "Reise", "de viaje", "m"],
  ["COFFEE", "café", "Kaffee", "café", "m"],
  ["PAINTED", "peint", "bemalt", "pintado", "m"],
  ["GIRL", "fille", "Mädchen", "niña", "m"],
  ["GINGHAM", "vichy", "Vichy-Karo", "vichy", "m"],
  ["BUTTERFLY", "papillon", "Schmetterling", "mariposa", "m"],
  ["WOOD", "en bois", "Holz", "de madera", "m"],
  ["RETRO", "rétro", "Retro", "retro", "m"],
  ["LOVE", "amour", "Liebe", "amor", "m"],
  ["FLOWER", "fleur", "Blume", "flor", "m"],
  ["CHOCOLATE", "chocolat", "Schokolade", "chocolate", "m"],
  ["ACRYLIC", "en acrylique", "Acryl", "acrílico", "m"],
  ["STORAGE", "de rangement", "Aufbewahrungs", "de almacenaje", "m"],
  ["SKULLS", "têtes de mort", "Totenköpfe", "calaveras", "m"],
  ["FOLKART", "art populaire", "Volkskunst", "arte popular", "m"],
  ["CAT", "chat", "Katze", "gato", "m"],
  ["DOG", "chien", "Hund", "perro", "m"],
  ["SEWING", "couture", "Näh", "costura", "m"],
  ["RUSTIC", "rustique", "rustikal", "rústico", "m"],
  ["BAKING", "pâtisserie", "Back", "repostería", "m"],
  ["TREE", "arbre", "Baum", "árbol", "m"],
  ["STRIPE", "à rayures", "gestreift", "de rayas", "m"],
  ["STARS", "étoiles", "Sterne", "estrellas", "m"],
  ["SWEET", "doux", "süß", "dulce", "m"],
  ["PEARS", "poires", "Birnen", "peras", "m"],
  ["ENGLISH ROSE", "rose anglaise", "englische Rose", "rosa inglesa", "m"],
  ["DOILIES", "napperons", "Spitzendeckchen", "tapetes", "n"],
  ["FILIGREE", "en filigrane", "Filigran", "de filigrana", "m"],
  ["SINGLE", "simple", "einzeln", "individual", "m"],
  ["KEEP CALM", "Keep Calm", "Keep Calm", "Keep Calm", "m"],
  ["AND", "et", "und", "y", "m"],
  ["&", "et", "und", "y", "m"],
  ["WITH", "avec", "mit", "con", "m"],
  ["IN", "en", "in", "en", "m"],
  ["BAG", "sac", "Tasche", "bolsa", "n"],
  ["BOX", "boîte", "Box", "caja", "n"],
  ["HOLDER", "support", "Halter", "soporte", "n"],
  ["ORNAMENT", "décoration", "Anhänger", "adorno", "n"],
  ["DECORATION", "décoration", "Dekoration", "decoración", "n"],
  ["TISSUES", "mouchoirs", "Taschentücher", "pañuelos", "n"],
  ["GLIDERS", "planeurs", "Segelflieger", "planeadores", "n"],
  ["HARMONICA", "harmonica", "Mundharmonika", "armónica", "n"],
  ["STICKERS", "autocollants", "Aufkleber", "pegatinas", "n"],
  ["SCISSOR", "ciseaux", "Schere", "tijeras", "n"],
  ["NAPKINS", "serviettes", "Servietten", "servilletas", "n"],
  ["CANDLES", "bougies", "Kerzen", "velas", "n"],
  ["SIGN", "plaque", "Schild", "cartel", "n"],
  ["WRAP", "papier cadeau", "Geschenkpapier", "papel de regalo", "n"],
  ["RING", "bague", "Ring", "anillo", "n"],
  ["FLANNEL", "gant de toilette", "Waschlappen", "manopla", "n"],
  ["CRAYONS", "crayons de cire", "Wachsmalstifte", "ceras", "n"],
  ["PENS", "stylos", "Stifte", "bolígrafos", "n"],
  ["PEN", "stylo", "Stift", "bolígrafo", "n"],
  ["PENCILS", "crayons", "Bleistifte", "lápices", "n"],
  ["RIBBONS", "rubans", "Bänder", "cintas", "n"],
  ["CHALKBOARD", "ardoise", "Kreidetafel", "pizarra", "n"],
  ["LIGHTS", "guirlande lumineuse", "Lichterkette", "luces", "n"],
  ["MARBLES", "billes", "Murmeln", "canicas", "n"],
  ["FRAME", "cadre", "Rahmen", "marco", "n"],
  ["PAINT SET", "set de peinture", "Malset", "set de pintura", "n"],
  ["POPCORN HOLDER", "pot à pop-corn", "Popcornbecher", "cubo de palomitas", "n"],
  ["HEART", "cœur", "Herz", "corazón", "n"],
  ["STAR", "étoile", "Stern", "estrella", "n"],
  ["GLASS", "verre", "Glas", "cristal", "n"],
  ["TIN", "boîte en métal", "Dose", "lata", "n"],
  ["JAR", "bocal", "Glas", "tarro", "n"],
  ["WHITE", "blanc", "weiß", "blanco", "m"],
  ["RED", "rouge", "rot", "rojo", "m"],
  ["PINK", "rose", "rosa", "rosa", "m"],
  ["BLUE", "bleu", "blau", "azul", "m"],
  ["GREEN", "vert", "grün", "verde", "m"],
  ["BLACK", "noir", "schwarz", "negro", "m"],
  ["SILVER", "argenté", "silbern", "plateado", "m"],
  ["IVORY", "ivoire", "elfenbein", "marfil", "m"],
  ["CREAM", "crème", "creme", "crema", "m"],
  ["HANGING", "suspendu", "hängend", "colgante", "m"],
  ["ASSORTED", "assortis", "sortiert", "surtidos", "m"],
  ["ASSTD", "assortis", "sortiert", "surtidos", "m"],
  ["ASST", "assortis", "sortiert", "surtidos", "m"],
  ["COLOUR", "couleur", "Farbe", "color", "m"],
  ["BIRD", "oiseau", "Vogel", "pájaro", "m"],
  ["LITTLE BIRDIE", "petit oiseau", "Vögelchen", "pajarito", "m"],
  ["MINI", "mini", "Mini", "mini", "m"],
  ["MEDIUM", "moyen", "mittel", "mediano", "m"],
  ["SMALL", "petit", "klein", "pequeño", "m"],
  ["LARGE", "grand", "groß", "grande", "m"],
  ["JUMBO", "géant", "Jumbo", "jumbo", "m"],
  ["CERAMIC", "en céramique", "Keramik", "de cerámica", "m"],
  ["CERAMIC TOP", "à couvercle en céramique", "mit Keramikdeckel", "con tapa de cerámica", "m"],
  ["WOODEN", "en bois", "Holz", "de madera", "m"],
  ["METAL", "en métal", "Metall", "de metal", "m"],
  ["ZINC", "en zinc", "Zink", "de zinc", "m"],
  ["WICKER", "en osier", "Weide", "de mimbre", "m"],
  ["HEART OF WICKER", "cœur en osier", "Weidenherz", "corazón de mimbre", "n"],
  ["FELT CRAFT", "en feutrine", "Filz", "de fieltro", "m"],
  ["SLATE", "en ardoise", "Schiefer", "de pizarra", "m"],
  ["NATURAL", "naturel", "natur", "natural", "m"],
  ["ANTIQUE", "ancien", "antik", "antiguo", "m"],
  ["AGED", "vieilli", "gealtert", "envejecido", "m"],
  ["VICTORIAN", "victorien", "viktorianisch", "victoriano", "m"],
  ["VINTAGE", "vintage", "Vintage", "vintage", "m"],
  ["CHRISTMAS", "Noël", "Weihnachten", "Navidad", "m"],
  ["SCANDINAVIAN", "scandinave", "skandinavisch", "escandinavo", "m"],
  ["TRADITIONAL", "traditionnel", "traditionell", "tradicional", "m"],
  ["RUSTIC CHARM", "charme rustique", "Landhausstil", "encanto rústico", "m"],
  ["DESIGN", "motif", "Motiv", "diseño", "m"],
  ["DESIGNS", "motifs", "Motive", "diseños", "m"],
  ["PANTRY", "garde-manger", "Vorratskammer", "despensa", "m"],
  ["PANTRY DESIGN", "motif garde-manger", "Vorratskammer-Motiv", "diseño despensa", "m"],
  ["DOILY", "napperon", "Spitzendeckchen", "tapete", "m"],
  ["VINTAGE DOILY", "napperon vintage", "Vintage-Spitzendeckchen", "tapete vintage", "m"],
  ["STRAWBERRY", "fraise", "Erdbeere", "fresa", "m"],
  ["APPLES", "pommes", "Äpfel", "manzanas", "m"],
  ["APPLE", "pomme", "Apfel", "manzana", "m"],
  ["SKULL", "tête de mort", "Totenkopf", "calavera", "m"],
  ["SKULL.", "tête de mort", "Totenkopf", "calavera", "m"],
  ["OWLS", "hiboux", "Eulen", "búhos", "m"],
  ["OWL", "hibou", "Eule", "búho", "m"],
  ["LEAF", "feuille", "Blatt", "hoja", "m"],
  ["ALPHABET", "alphabet", "Alphabet", "alfabeto", "m"],
  ["GIRLS", "filles", "Mädchen", "niñas", "m"],
  ["DOLLY GIRL", "Dolly Girl", "Dolly Girl", "Dolly Girl", "m"],
  ["DINOSAUR", "dinosaure", "Dinosaurier", "dinosaurio", "m"],
  ["CARS", "voitures", "Autos", "coches", "m"],
  ["RABBIT", "lapin", "Hase", "conejo", "m"],
  ["TOADSTOOL", "champignon", "Fliegenpilz", "seta", "m"],
  ["LED", "LED", "LED", "LED", "m"],
  ["POLKADOT", "à pois", "gepunktet", "de lunares", "m"],
  ["SPOTTY", "à pois", "gepunktet", "de lunares", "m"],
  ["PAISLEY", "cachemire", "Paisley", "cachemir", "m"],
  ["BAROQUE", "baroque", "Barock", "barroco", "m"],
  ["WOODLAND", "forêt", "Wald", "bosque", "m"],
  ["WOODLAND ANIMALS", "animaux de la forêt", "Waldtiere", "animales del bosque", "m"],
  ["FAIRY", "fée", "Feen", "hada", "m"],
  ["FAIRY CAKE", "petits gâteaux", "Cupcake", "magdalenas", "m"],
  ["TEATIME", "heure du thé", "Teezeit", "hora del té", "m"],
  ["SWEETHEART", "amoureux", "Liebes", "enamorados", "m"],
  ["HEARTS", "cœurs", "Herzen", "corazones", "m"],
  ["ROSES", "roses", "Rosen", "rosas", "m"],
  ["SILVER ANGELS", "anges argentés", "silberne Engel", "ángeles plateados", "m"],
  ["ROTATING", "tournant", "drehend", "giratorio", "m"],
  ["ENGRAVED", "gravé", "graviert", "grabado", "m"],
  ["TEA", "à thé", "Tee", "de té", "m"],
  ["PRINTED", "imprimé", "bedruckt", "estampado", "m"],
  ["WITH JARS", "avec bocaux", "mit Gläsern", "con tarros", "m"],
  ["IN BOX", "en boîte", "in Box", "en caja", "m"],
  ["PAPER", "en papier", "Papier", "de papel", "m"],
  ["3D", "3D", "3D", "3D", "m"],
  ["CHINESE STYLE", "style chinois", "im chinesischen Stil", "estilo chino", "m"],
  ["FUNNY FACE", "drôle de tête", "lustiges Gesicht", "cara graciosa", "m"],
  ["FANCY FONTS", "lettres fantaisie", "verspielte Schrift", "letras de fantasía", "m"],
  ["BIRTHDAY", "anniversaire", "Geburtstag", "cumpleaños", "m"],
  ["POPART", "pop art", "Pop-Art", "pop art", "m"],
  ["GARDENERS", "de jardinier", "Gärtner", "de jardinero", "m"],
  ["ROUND", "rond", "rund", "redondo", "m"],
  ["FUNKY DIVA", "diva funky", "Funky Diva", "diva funky", "m"],
  ["DOUGHNUT", "donut", "Donut", "dónut", "m"],
  ["CHILLI", "piment", "Chili", "guindilla", "m"],
  ["SOLDIERS", "soldats", "Soldaten", "soldados", "m"],
  ["HOMEMADE JAM", "confiture maison", "hausgemachte Marmelade", "mermelada casera", "m"],
  ["HANGING JAM JAR", "pot à confiture suspendu", "hängendes Marmeladenglas", "tarro de mermelada colgante", "m"],
  ["JAR", "bocal", "Glas", "tarro", "m"],
  ["PACK", "lot", "Packung", "paquete", "n"],
  ["BUBBLEGUM", "chewing-gum", "Kaugummi", "chicle", "m"],
];

// Names of the store's own ranges, and words that are the same everywhere: kept as they are.
const KEPT = new Set(["RETROSPOT", "SPACEBOY", "SUKI", "REGENCY", "LONDON", "CHARLOTTE", "DOLLY", "BROCADE", "125G"]);

const ENTRIES = [...DICTIONARY].sort((a, b) => b[0].split(" ").length - a[0].split(" ").length);
const COLUMN: Record<DemoLanguage, 1 | 2 | 3> = { fr: 1, de: 2, es: 3 };

interface Piece {
  text: string;
  kind: Kind | "kept" | "number";
}

/**
 * A title in the demo's dictionary language, or null when a word of it is not in the
 * dictionary. Deterministic: the same title always gives the same text.
 */
export function translateDemoTitle(title: string, language: DemoLanguage): string | null {
  const words = title
    .toUpperCase()
    .replace(/\s*,\s*/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const pieces: Piece[] = [];
  for (let i = 0; i < words.length;) {
    const entry = ENTRIES.find((candidate) => {
      const parts = candidate[0].split(" ");
      return parts.every((part, k) => words[i + k] === part);
    });
    if (entry) {
      pieces.push({ text: entry[COLUMN[language]], kind: entry[4] });
      i += entry[0].split(" ").length;
    } else if (/^\d+$/.test(words[i])) {
      pieces.push({ text: words[i], kind: "number" });
      i += 1;
    } else if (KEPT.has(words[i])) {
      pieces.push({ text: words[i][0] + words[i].slice(1).toLowerCase(), kind: "kept" });
      i += 1;
    } else {
      return null;
    }
  }
  // A leading quantity keeps its place with its number ("lot de 72", "60 caissettes").
  const lead: Piece[] = [];
  while (pieces.length && (pieces[0].kind === "l" || pieces[0].kind === "number")) {
    lead.push(pieces.shift()!);
  }
  // Catalogue order: the head noun (the last noun) first, then the words before it,
  // nearest first, then those after it as they were ("design", a colour).
  const headAt = pieces.map((p) => p.kind).lastIndexOf("n");
  const ordered =
    headAt >= 0 ? [pieces[headAt], ...pieces.slice(0, headAt).reverse(), ...pieces.slice(headAt + 1)] : pieces;
  const text = [...lead, ...ordered]
    .map((p) => p.text)
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return null;
  return text[0].toUpperCase() + text.slice(1);
}

/**
 * Loads the demo translations into the fake Shopify's translations: every policy and
 * product type (collection titles are the types) in each language, and the titles and
 * descriptions of the `limit` best-selling products the dictionary covers.
 */
export function addDemoTranslations(shop: FakeShop, { limit = 300, updatedAt }: { limit?: number; updatedAt: string }) {
  const add = (resourceId: string, entries: FakeTranslation[]) =>
    shop.translations.set(resourceId, [...(shop.translations.get(resourceId) ?? []), ...entries]);
  shop.policies.forEach((policy, index) => {
    add(
      policyGid(shop, index),
      DEMO_LANGUAGES.map((language) => ({
        locale: language,
        key: "body",
        value: POLICY_BODIES[language][policy.type],
        updatedAt,
      })),
    );
  });
  for (const collection of shop.collections.values()) {
    const names = PRODUCT_TYPE_TRANSLATIONS[collection.title];
    if (names)
      add(
        collection.id,
        DEMO_LANGUAGES.map((language) => ({ locale: language, key: "title", value: names[language], updatedAt })),
      );
  }
  const sold = new Map<string, number>();
  for (const order of shop.orders.values())
    for (const line of order.lineItems)
      if (line.productId) sold.set(line.productId, (sold.get(line.productId) ?? 0) + line.quantity);
  const ranked = [...shop.products.values()].sort((a, b) => (sold.get(b.id) ?? 0) - (sold.get(a.id) ?? 0));
  let translated = 0;
  const typed = (product: FakeProduct, language: DemoLanguage): FakeTranslation[] => {
    const type = PRODUCT_TYPE_TRANSLATIONS[product.productType]?.[language];
    return type ? [{ locale: language, key: "product_type", value: type, updatedAt }] : [];
  };
  for (const product of ranked) {
    const titles = DEMO_LANGUAGES.map((language) => translateDemoTitle(product.title, language));
    const entries: FakeTranslation[] = [];
    for (const [i, language] of DEMO_LANGUAGES.entries()) {
      entries.push(...typed(product, language));
      const title = translated < limit ? titles[i] : null;
      if (!title) continue;
      entries.push({ locale: language, key: "title", value: title, updatedAt });
      entries.push({ locale: language, key: "body_html", value: `<p>${escapeHtml(title)}.</p>`, updatedAt });
    }
    if (titles.every(Boolean) && translated < limit) translated += 1;
    if (entries.length) add(product.id, entries);
  }
  return { products: translated };
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
