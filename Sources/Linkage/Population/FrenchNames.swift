/// French given names and surnames, typed for Hublot from general knowledge of their popularity (most
/// frequent first), with the rules that compose rarer ones. Fashions in given names change with the
/// generations, so each list belongs to an era of birth; surnames are one list for the frequent names and
/// roots and endings for the long tail, which is most of the population in France.
enum FrenchNames {
    /// Given names by era of birth: before 1950, 1950-1974, 1975-1999, 2000 and after.
    static let eraStarts = [1950, 1975, 2000]

    static let male: [[String]] = [
        [
            "Jean", "Pierre", "André", "Michel", "Jacques", "René", "Louis", "Roger", "Robert", "Marcel", "Georges", "Paul", "Henri",
            "Claude", "Bernard", "Maurice", "Raymond", "Lucien", "Joseph", "Gérard", "Roland", "Albert", "Fernand", "Guy", "Daniel",
            "Francis", "Gilbert", "Yves", "Émile", "Charles", "Léon", "Gaston", "Marius", "Raoul", "Armand", "Édouard", "Alain",
            "Germain", "Julien", "Victor", "Auguste", "Eugène", "Félix", "Norbert", "Hubert",
        ],
        [
            "Philippe", "Patrick", "Alain", "Christian", "Michel", "Thierry", "Pascal", "Éric", "Dominique", "Daniel", "Bruno",
            "Didier", "Laurent", "Frédéric", "Olivier", "Christophe", "Stéphane", "Gilles", "Serge", "Franck", "Hervé", "Denis",
            "Joël", "Jacques", "Marc", "Bernard", "Patrice", "Lionel", "Vincent", "Sylvain", "Pierre", "Yannick", "Fabrice",
            "Emmanuel", "Jérôme", "Francis", "Gérard", "Claude", "Jean", "Guy", "Régis", "Gilbert", "Roland", "Hugues", "Xavier",
        ],
        [
            "Nicolas", "Julien", "Sébastien", "Guillaume", "Jérémy", "Mickaël", "Anthony", "Kévin", "Romain", "Maxime", "Thomas",
            "Alexandre", "Florian", "Jonathan", "Benjamin", "Mathieu", "Damien", "Vincent", "Arnaud", "Cédric", "Antoine", "Yoann",
            "Clément", "Quentin", "Adrien", "Aurélien", "Jérôme", "Fabien", "Loïc", "Ludovic", "Benoît", "Matthieu", "Raphaël",
            "Pierre", "David", "Christophe", "Grégory", "Stéphane", "Franck", "Samuel", "Jean", "Olivier", "Laurent", "Johan",
            "Rémi", "Bastien", "Thibault", "Jordan", "Steven", "Mehdi",
        ],
        [
            "Lucas", "Hugo", "Théo", "Nathan", "Louis", "Gabriel", "Jules", "Arthur", "Raphaël", "Léo", "Enzo", "Tom", "Mathis",
            "Ethan", "Noah", "Adam", "Paul", "Maël", "Sacha", "Nolan", "Timéo", "Aaron", "Axel", "Baptiste", "Clément", "Maxime",
            "Alexandre", "Antoine", "Valentin", "Tristan", "Yanis", "Matteo", "Mohamed", "Rayan", "Liam", "Victor", "Martin",
            "Noé", "Léon", "Evan", "Thomas", "Quentin", "Kylian", "Samuel", "Eliott", "Gaspard", "Malo", "Robin", "Esteban", "Ilyes",
        ],
    ]

    static let female: [[String]] = [
        [
            "Marie", "Jeanne", "Madeleine", "Simone", "Germaine", "Suzanne", "Marguerite", "Yvonne", "Denise", "Paulette", "Louise",
            "Odette", "Lucienne", "Renée", "Andrée", "Jacqueline", "Hélène", "Marcelle", "Colette", "Monique", "Raymonde",
            "Georgette", "Odile", "Berthe", "Juliette", "Gisèle", "Ginette", "Huguette", "Yvette", "Geneviève", "Thérèse", "Lucie",
            "Henriette", "Paule", "Micheline", "Josette", "Mauricette", "Antoinette", "Fernande", "Irène", "Solange", "Jeannine",
            "Arlette", "Rolande", "Claudine",
        ],
        [
            "Nathalie", "Isabelle", "Sylvie", "Catherine", "Martine", "Christine", "Françoise", "Valérie", "Sandrine", "Véronique",
            "Patricia", "Brigitte", "Nicole", "Chantal", "Dominique", "Corinne", "Laurence", "Pascale", "Florence", "Christiane",
            "Annie", "Danielle", "Évelyne", "Muriel", "Béatrice", "Joëlle", "Claudine", "Agnès", "Fabienne", "Karine", "Carole",
            "Hélène", "Anne", "Michèle", "Nadine", "Élisabeth", "Sophie", "Céline", "Marie", "Monique", "Josiane", "Ghislaine",
            "Maryse", "Odile", "Bernadette",
        ],
        [
            "Aurélie", "Émilie", "Julie", "Céline", "Stéphanie", "Élodie", "Audrey", "Sandra", "Laetitia", "Caroline", "Virginie",
            "Mélanie", "Amandine", "Sophie", "Marion", "Camille", "Anaïs", "Pauline", "Sarah", "Laura", "Jessica", "Vanessa",
            "Marine", "Charlotte", "Claire", "Delphine", "Karine", "Elsa", "Alice", "Justine", "Mathilde", "Morgane", "Cécile",
            "Hélène", "Lucie", "Manon", "Jennifer", "Ophélie", "Coralie", "Nathalie", "Émeline", "Anne", "Sabrina", "Clémence",
            "Aline", "Gaëlle", "Maud", "Johanna", "Lydie", "Fanny",
        ],
        [
            "Emma", "Jade", "Louise", "Alice", "Chloé", "Léa", "Manon", "Inès", "Lina", "Léna", "Camille", "Lola", "Zoé", "Sarah",
            "Juliette", "Ambre", "Rose", "Anna", "Mila", "Mia", "Lou", "Clara", "Romane", "Eva", "Agathe", "Margaux", "Océane",
            "Lisa", "Maëlys", "Julia", "Nina", "Louna", "Jeanne", "Charlotte", "Anaïs", "Élise", "Victoria", "Capucine", "Lucie",
            "Léonie", "Mathilde", "Pauline", "Marie", "Iris", "Adèle", "Salomé", "Yasmine", "Apolline", "Justine", "Héloïse",
        ],
    ]

    /// Compound given names (Jean-Pierre, Marie-Claire), frequent before 1975 and rare since: the share of
    /// each era, and the names that follow the first.
    static let compoundShare = [0.16, 0.12, 0.04, 0.02]
    static let maleCompoundHeads = ["Jean", "Pierre", "Louis", "Paul"]
    static let maleCompoundTails = [
        "Pierre", "Claude", "Luc", "Marc", "Paul", "François", "Michel", "Louis", "Jacques", "Philippe", "Yves", "Marie", "Baptiste",
        "Christophe", "Charles", "Noël", "Bernard", "Denis", "Sébastien", "Alain",
    ]
    static let femaleCompoundHeads = ["Marie", "Anne", "Marie", "Rose"]
    static let femaleCompoundTails = [
        "Christine", "Claude", "Thérèse", "France", "Hélène", "Laure", "Anne", "Claire", "Odile", "Josée", "Paule", "Noëlle",
        "Pierre", "Agnès", "Line", "Françoise", "Madeleine", "José", "Jeanne", "Sophie",
    ]

    /// The most frequent surnames, in about their order of frequency in France.
    static let surnames = [
        "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT", "SIMON", "MICHEL",
        "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE",
        "ROUSSEAU", "VINCENT", "MULLER", "LEFEVRE", "FAURE", "ANDRE", "MERCIER", "BLANC", "GUERIN", "BOYER", "GARNIER", "CHEVALIER",
        "FRANCOIS", "LEGRAND", "GAUTHIER", "GARCIA", "PERRIN", "ROBIN", "CLEMENT", "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU",
        "GAUTIER", "MASSON", "MARCHAND", "DUVAL", "DENIS", "DUMONT", "MARIE", "LEMAIRE", "NOEL", "MEYER", "DUFOUR", "MEUNIER",
        "BRUN", "BLANCHARD", "GIRAUD", "JOLY", "RIVIERE", "LUCAS", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD", "MARTINEZ", "GERARD",
        "ROCHE", "RENARD", "SCHMITT", "ROY", "LEROUX", "COLIN", "VIDAL", "CARON", "PICARD", "ROGER", "FABRE", "AUBERT", "LEMOINE",
        "RENAUD", "DUMAS", "LACROIX", "OLIVIER", "PHILIPPE", "BOURGEOIS", "PIERRE", "BENOIT", "REY", "LECLERC", "PAYET", "ROLLAND",
        "LECLERCQ", "GUILLAUME", "LECOMTE", "LOPEZ", "JEAN", "DUPUY", "GUILLOT", "HUBERT", "BERGER", "CARPENTIER", "SANCHEZ",
        "DUPUIS", "MOULIN", "LOUIS", "DESCHAMPS", "HUET", "VASSEUR", "PEREZ", "BOUCHER", "FLEURY", "ROYER", "KLEIN", "JACQUET",
        "ADAM", "PARIS", "POIRIER", "MARTY", "AUBRY", "GUYOT", "CARRE", "CHARLES", "RENAULT", "CHARPENTIER", "MENARD", "MAILLARD",
        "BARON", "BERTIN", "BAILLY", "HERVE", "SCHNEIDER", "FERNANDEZ", "LE GALL", "COLLET", "LEGER", "BOUVIER", "JULIEN", "PREVOST",
        "MILLET", "PERROT", "DANIEL", "LE ROUX", "COUSIN", "GERMAIN", "BRETON", "BESSON", "LANGLOIS", "REMY", "LE GOFF", "PELLETIER",
        "LEVEQUE", "PERRIER", "LEBLANC", "BARRE", "LEBRUN", "MARCHAL", "WEBER", "MALLET", "HAMON", "BOULANGER", "JACOB", "MONNIER",
        "MICHAUD", "RODRIGUEZ", "GUICHARD", "GILLET", "ETIENNE", "GRONDIN", "POULAIN", "TESSIER", "CHEVALLIER", "COLLIN", "CHAUVIN",
        "DA SILVA", "BOUCHET", "GAY", "LEMAITRE", "BENARD", "MARECHAL", "HUMBERT", "REYNAUD", "ANTOINE", "HOARAU", "PERRET",
        "BARTHELEMY", "CORDIER", "PICHON", "LEJEUNE", "GILBERT", "LAMY", "DELAUNAY", "PASQUIER", "CARLIER", "LAPORTE", "NGUYEN",
        "DOS SANTOS", "FERREIRA", "PEREIRA", "RODRIGUES", "DIALLO", "TRAN", "HADDAD", "BENALI", "D'ALMEIDA", "DE SOUSA", "LE BRIS",
        "N'DIAYE", "KOWALSKI", "ROSSI", "SCHMIDT", "WAGNER", "BECKER", "HOFFMANN",
    ]

    /// Roots and endings of the long tail (BOUCH + ARD, CHAMP + ION), each drawn frequent-first.
    static let surnameRoots = [
        "BOUCH", "CHAB", "DELM", "FOURN", "GAUD", "GRAND", "JOUB", "LAB", "MAL", "MARC", "PERR", "POUL", "RAIN", "SAUV", "TALL",
        "VERD", "BROSS", "CHAMP", "COMB", "DUCR", "FAVR", "GIR", "HUGU", "LOMB", "MOUL", "PAG", "RIB", "TEYSS", "VALL", "BARR",
        "BERTH", "BLOND", "CHEV", "COUDR", "DESP", "ESCOFF", "FERR", "GAL", "JOUV", "LAV", "MAZ", "NOG", "RAV", "ROUG", "SEG",
        "THIB", "VIGN", "AUB", "BOUSQ", "CAST", "DALM", "FOUC", "GOUR", "LAC", "MONT", "PLAN", "RIV", "SOUL", "BEAUD", "BOIS",
        "BONN", "BRIS", "CAILL", "CHAUV", "CHOP", "CLAV", "COLL", "CORN", "COUT", "DAV", "DROU", "FAUR", "FOUL", "GARN", "GOD",
        "GUILL", "HEBR", "JACQU", "LANG", "LEB", "MARCH", "MERL", "MORL", "PASC", "PICH", "POUJ", "RENOU", "ROB", "ROUSS", "SAV",
        "TOURN", "VACH", "VIALL", "BAUD", "BERN", "BRUN", "CARR", "CHARR", "DUR", "GAST", "LEFR", "MAIL", "MOR", "PELL", "ROCH",
    ]
    static let surnameEndings = [
        "ARD", "ET", "IER", "ON", "OT", "AUD", "IN", "EAU", "EL", "ERT", "ELIN", "AIS", "AT", "OUX", "ERE", "ELLE", "Y", "AS", "ES",
        "AND", "ENT", "OUD", "ILLE", "AN", "IAN", "OUIN", "EUX", "IGNY", "ARET", "ILLON",
    ]
    /// Syllables between root and ending in half the tail names (CHAMP + IN + ET).
    static let surnameMiddles = ["ER", "EL", "IL", "AR", "OT", "IN", "EN", "AL", "ON", "OUR"]
    /// Particles some tail names take (LE BRUNET, DU PLANIER).
    static let surnameParticles = ["LE ", "DU ", "DE ", "LA ", "DES ", "DE LA "]
}
