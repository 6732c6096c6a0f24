import Foundation
import Workbench

extension FrenchNames {
    /// Short forms and spellings of the same given name a registry or a form may hold instead of the civil one.
    static let nicknames: [String: [String]] = [
        "Alexandre": ["Alex"], "Nicolas": ["Nico"], "Christophe": ["Chris"], "Frédéric": ["Fred"], "Stéphane": ["Steph"],
        "Sébastien": ["Seb"], "Mathieu": ["Matthieu"], "Matthieu": ["Mathieu"], "Philippe": ["Phil"], "Dominique": ["Dom"],
        "Catherine": ["Cathy", "Katherine"], "Christine": ["Kristine"], "Isabelle": ["Isa", "Isabel"], "Élisabeth": ["Élise", "Babeth"],
        "Véronique": ["Véro"], "Valérie": ["Val"], "Thomas": ["Tom"], "Maxime": ["Max"], "Benjamin": ["Ben"], "Jonathan": ["Johnathan"],
        "Anthony": ["Antony", "Tony"], "Mickaël": ["Michaël", "Mickael", "Michael"], "Kévin": ["Kevin"], "Jérémy": ["Jérémie", "Jeremy"],
        "Yoann": ["Johann", "Yohann"], "Johan": ["Yohan"], "Grégory": ["Greg", "Grégoire"], "Laetitia": ["Lætitia", "Letitia"],
        "Stéphanie": ["Steph", "Stefanie"], "Émilie": ["Emilie", "Emily"], "Aurélie": ["Aurelie"], "Élodie": ["Elodie"],
        "Caroline": ["Caro"], "Virginie": ["Virgine"], "Mélanie": ["Mel"], "Sandrine": ["Sandra"], "Nathalie": ["Natalie", "Nath"],
        "Françoise": ["Françou", "Fanfan"], "Marguerite": ["Margot"], "Madeleine": ["Madelaine"], "Jacqueline": ["Jacky"],
        "Jacques": ["Jacky"], "Raymond": ["Ray"], "Joseph": ["José", "Jojo"], "Pierre": ["Pierrot"], "Louise": ["Louisa"],
        "Léa": ["Lea"], "Chloé": ["Chloe", "Kloé"], "Zoé": ["Zoe"], "Inès": ["Ines"], "Maëlys": ["Maelys", "Maëlis"],
        "Théo": ["Theo", "Théodore"], "Timéo": ["Timeo"], "Enzo": ["Enzzo"], "Mathis": ["Mathys", "Matis"], "Yanis": ["Yannis"],
        "Mohamed": ["Mohammed", "Mohammad"], "Rayan": ["Rayane"], "Noah": ["Noa"], "Maël": ["Mael"], "Eliott": ["Elliot", "Eliot"],
        "Margaux": ["Margot"], "Héloïse": ["Heloise"], "Gaëlle": ["Gaelle"], "Anaïs": ["Anais"], "Océane": ["Oceane"],
        "Juliette": ["Julie"], "Guillaume": ["Guigui", "Will"], "Florian": ["Flo"], "Florence": ["Flo"], "Emmanuel": ["Manu"],
        "Fabrice": ["Fab"], "Patrick": ["Pat"], "Patricia": ["Pat"], "Christian": ["Chris"], "Bernadette": ["Bernie"],
        "Benoît": ["Benoit"], "Loïc": ["Loic"], "Joëlle": ["Joelle"], "Évelyne": ["Evelyne", "Éveline"], "Josiane": ["Josy"],
    ]

    /// Another form of `name`, as a different source would hold it: a known short form or spelling, the
    /// first part of a compound, or the name without its accents; nil when the name has none of these.
    static func variant(of name: String, _ random: inout SplitMix64) -> String? {
        let choices = variantTable[name] ?? variants(of: name)
        return choices.isEmpty ? nil : choices[random.below(choices.count)]
    }

    /// The variants of every name the lists and compounds can give, worked out once: folding accents is slow.
    static let variantTable: [String: [String]] = {
        var names = Set((male + female).joined())
        for (heads, tails) in [(maleCompoundHeads, maleCompoundTails), (femaleCompoundHeads, femaleCompoundTails)] {
            for head in heads { for tail in tails where head != tail { names.insert(head + "-" + tail) } }
        }
        return Dictionary(uniqueKeysWithValues: names.map { ($0, variants(of: $0)) })
    }()

    static func variants(of name: String) -> [String] {
        var choices: [String] = nicknames[name] ?? []
        if let hyphen = name.firstIndex(of: "-") {
            choices.append(String(name[..<hyphen]))
            choices.append(name.replacingOccurrences(of: "-", with: " "))
            let initials = name.split(separator: "-").compactMap(\.first).map(String.init).joined(separator: "-")
            choices.append(initials)
        }
        let plain = name.folding(options: .diacriticInsensitive, locale: nil)
        if plain != name { choices.append(plain) }
        return choices
    }
}
