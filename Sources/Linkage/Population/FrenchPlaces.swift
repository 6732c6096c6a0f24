/// Where the people of a test population live: the départements with their populations (tens of
/// thousands, rounded, typed from general knowledge), communes made up inside each with INSEE-shaped codes,
/// and street names as most French towns have them.
enum FrenchPlaces {
    struct Department: Sendable {
        /// As addresses and the INSEE code write it: `01`, `2A`, `974`.
        var code: String
        /// The digits the social security number uses for it: Corsica is `20`, overseas départements
        /// take three digits there and in postcodes.
        var digits: String
        var weight: Int

        var isOverseas: Bool { code.count == 3 }
        /// Large départements have more communes; the capped count keeps overseas codes within two digits.
        var communeCount: Int { isOverseas ? min(99, 20 + weight / 2) : 60 + 3 * weight }
    }

    static let departments: [Department] = {
        let table: [(String, Int)] = [
            ("01", 66), ("02", 53), ("03", 33), ("04", 17), ("05", 14), ("06", 110), ("07", 33), ("08", 27), ("09", 15), ("10", 31),
            ("11", 38), ("12", 28), ("13", 205), ("14", 70), ("15", 14), ("16", 35), ("17", 66), ("18", 30), ("19", 24), ("2A", 16),
            ("2B", 18), ("21", 54), ("22", 60), ("23", 12), ("24", 41), ("25", 54), ("26", 52), ("27", 60), ("28", 43), ("29", 92),
            ("30", 75), ("31", 145), ("32", 19), ("33", 165), ("34", 120), ("35", 110), ("36", 22), ("37", 61), ("38", 127), ("39", 26),
            ("40", 42), ("41", 33), ("42", 77), ("43", 23), ("44", 145), ("45", 68), ("46", 17), ("47", 33), ("48", 8), ("49", 82),
            ("50", 50), ("51", 57), ("52", 17), ("53", 31), ("54", 73), ("55", 18), ("56", 76), ("57", 105), ("58", 20), ("59", 261),
            ("60", 83), ("61", 28), ("62", 146), ("63", 66), ("64", 69), ("65", 23), ("66", 48), ("67", 115), ("68", 77), ("69", 190),
            ("70", 23), ("71", 55), ("72", 57), ("73", 44), ("74", 83), ("75", 213), ("76", 125), ("77", 145), ("78", 145), ("79", 38),
            ("80", 57), ("81", 39), ("82", 26), ("83", 108), ("84", 56), ("85", 69), ("86", 44), ("87", 37), ("88", 36), ("89", 33),
            ("90", 14), ("91", 130), ("92", 162), ("93", 166), ("94", 141), ("95", 125), ("971", 38), ("972", 36), ("973", 29),
            ("974", 87), ("976", 30),
        ]
        return table.map { code, weight in
            Department(code: code, digits: code == "2A" || code == "2B" ? "20" : code, weight: weight)
        }
    }()

    /// The INSEE code of commune `number` (1-based) of a département: its code and the commune's number on
    /// three digits (two overseas).
    static func communeCode(_ department: Department, _ number: Int) -> String {
        department.code + padded(number, department.isOverseas ? 2 : 3)
    }

    /// Postcodes group communes: the first (the prefecture) has `DD000`, the others share a code by six.
    static func postcode(_ department: Department, _ number: Int) -> String {
        if department.isOverseas { return department.digits + padded(number == 1 ? 0 : 10 + (number / 4) % 90, 2) }
        return department.digits + padded(number == 1 ? 0 : 100 + ((number / 6) * 10) % 900, 3)
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Street kinds and names, frequent first.
    static let streetKinds = ["rue", "avenue", "chemin", "place", "boulevard", "impasse", "allée", "route", "rue", "quai"]
    static let streetNames = [
        "de la République", "Victor Hugo", "Jean Jaurès", "Pasteur", "du Général de Gaulle", "de la Gare", "de l'Église",
        "des Écoles", "du Moulin", "de la Mairie", "Gambetta", "Jules Ferry", "du Château", "des Lilas", "de la Paix", "Nationale",
        "Voltaire", "Émile Zola", "Carnot", "de Verdun", "du Stade", "des Tilleuls", "de la Liberté", "Jean Moulin", "Anatole France",
        "du Commerce", "de Paris", "Principale", "des Acacias", "du Maréchal Foch", "Saint-Martin", "de la Fontaine", "du Lavoir",
        "des Jardins", "Georges Clemenceau", "du 8 Mai 1945", "du 11 Novembre", "de la Poste", "des Peupliers", "du Puits",
        "Louis Pasteur", "Alsace-Lorraine", "de Bretagne", "des Vignes", "du Port", "des Roses", "du Pont", "de la Croix", "Molière",
        "Paul Bert", "Aristide Briand", "Léon Blum", "Charles de Gaulle", "des Prés", "de la Forêt", "du Marché", "Denis Papin",
        "des Cerisiers", "de l'Industrie", "Pierre Curie", "Marie Curie", "de la Libération", "Henri Barbusse", "Jean Mermoz",
        "des Chênes", "du Bois", "de la Vallée", "des Sources", "Saint-Pierre", "de la Résistance",
    ]

    /// The health insurance schemes (régimes) and their approximate shares of the insured: general, farmers,
    /// self-employed (formerly), railways, Paris transport, sailors, miners, soldiers, Banque de France, others.
    static let schemes: [(code: String, weight: Int)] = [
        ("01", 860), ("02", 55), ("03", 50), ("04", 6), ("05", 2), ("06", 3), ("07", 2), ("08", 12), ("10", 1), ("90", 9),
    ]

    /// Frequent main diagnoses of hospital stays, ICD-10 without the dot, frequent first.
    static let diagnoses = [
        "I10", "E119", "J189", "I500", "I480", "N390", "J441", "K359", "S720", "R074", "I639", "C509", "C61", "C349", "F329", "F100",
        "Z511", "O800", "K802", "J069", "M170", "M161", "E780", "I251", "I219", "G459", "R55", "K529", "A099", "J209", "N179", "E86",
        "R509", "K565", "I269", "G409", "F200", "L031", "Z380", "O342", "K409", "H251", "M545", "S062", "C180", "D649", "E039",
        "J45", "K210", "N185",
    ]
}
