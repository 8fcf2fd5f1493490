"""Demo content. Every name here is fictional."""
from __future__ import annotations

#: (slug, name in Indonesian, name in English, kind, colour for the drawn photos)
CATEGORIES = [
    ("lauk-sambal", "Lauk & Sambal", "Dishes & Sambal", "food", (178, 58, 38)),
    ("kue-camilan", "Kue & Camilan", "Cakes & Snacks", "food", (214, 140, 45)),
    ("minuman", "Minuman", "Drinks", "food", (96, 130, 60)),
    ("tenun-ikat", "Tenun Ikat", "Ikat Weaving", "craft", (120, 40, 70)),
    ("anyaman-lontar", "Anyaman Lontar", "Lontar Palm Crafts", "craft", (160, 120, 60)),
]

#: One dict per pilot seller, with her shop and products.
#: Product tuple: (name, category slug, price, stock or None for made-to-order, description, facts)
SELLERS = [
    {
        "name": "Yuliana Ndun", "phone": "081234560001", "area": "Oebobo",
        "shop": "Dapur Mama Yuli", "slug": "dapur-mama-yuli", "story_public": True,
        "story": "Mama Yuli memasak se'i sapi asap kayu kosambi sejak 2019. "
                 "Resep dari almarhum suami kini menghidupi tiga anaknya.",
        "products": [
            ("Se'i Sapi Asap 250 g", "lauk-sambal", 85000, 12, "Daging sapi asap kayu kosambi, diiris tipis, siap dipanaskan.", {"pirt": "2065371010123-24", "halal": "no_pork", "shelf": 5, "allergens": ""}),
            ("Se'i Sapi Asap 500 g", "lauk-sambal", 160000, 6, "Porsi keluarga se'i sapi asap, dikemas vakum.", {"pirt": "2065371010123-24", "halal": "no_pork", "shelf": 5, "allergens": ""}),
            ("Sambal Lu'at Botol", "lauk-sambal", 25000, 30, "Sambal khas Timor dari cabai rawit, daun kemangi dan jeruk nipis.", {"pirt": "2065371010123-24", "halal": "certified", "shelf": 30, "allergens": ""}),
            ("Jagung Bose Instan", "lauk-sambal", 30000, 15, "Jagung bose dengan kacang merah, tinggal direbus 15 menit.", {"pirt": "2065371010123-24", "halal": "certified", "shelf": 90, "allergens": "kacang"}),
            ("Nasi Se'i Box (pesan dulu)", "lauk-sambal", 35000, None, "Nasi, se'i, sambal lu'at dan sayur bunga pepaya. Pesan sehari sebelumnya.", {"pirt": "", "pirt_in_process": True, "halal": "no_pork", "shelf": 1, "allergens": "", "lead": 1, "capacity": 40}),
            ("Sambal Teri Kupang", "lauk-sambal", 28000, 20, "Teri goreng renyah dengan sambal bawang.", {"pirt": "2065371010123-24", "halal": "certified", "shelf": 21, "allergens": "ikan"}),
        ],
    },
    {
        "name": "Maria Tefa", "phone": "081234560002", "area": "Kelapa Lima",
        "shop": "Kue Mama Maria", "slug": "kue-mama-maria", "story_public": True,
        "story": "Kue rambut dan kue cucur Mama Maria selalu habis di pasar Kamis. "
                 "Lewat program, ia belajar mengemas kue agar tahan lebih lama.",
        "products": [
            ("Kue Rambut Kaleng", "kue-camilan", 45000, 25, "Kue rambut renyah dari tepung beras dan gula lontar.", {"pirt": "2065371020456-23", "halal": "certified", "shelf": 60, "allergens": "gluten"}),
            ("Kue Cucur Gula Lontar (isi 10)", "kue-camilan", 30000, None, "Cucur hangat dengan gula lontar asli Rote.", {"pirt": "2065371020456-23", "halal": "certified", "shelf": 2, "allergens": "gluten", "lead": 1, "capacity": 20}),
            ("Kue Kacang Kenari", "kue-camilan", 55000, 18, "Kue kering kenari Alor, renyah dan gurih.", {"pirt": "2065371020456-23", "halal": "certified", "shelf": 45, "allergens": "kacang, gluten, telur"}),
            ("Bolu Pandan Loyang", "kue-camilan", 75000, None, "Bolu pandan lembut, cocok untuk hadiah Hari Ibu.", {"pirt": "2065371020456-23", "halal": "certified", "shelf": 3, "allergens": "telur, susu, gluten", "lead": 2, "capacity": 6}),
            ("Kue Bawang Toples", "kue-camilan", 35000, 22, "Camilan gurih untuk teman minum kopi.", {"pirt": "2065371020456-23", "halal": "certified", "shelf": 60, "allergens": "gluten"}),
            ("Paket Kue Hari Ibu", "kue-camilan", 120000, None, "Tiga toples kue kering dalam kotak anyaman lontar.", {"pirt": "2065371020456-23", "halal": "certified", "shelf": 45, "allergens": "kacang, gluten, telur", "lead": 3, "capacity": 5}),
        ],
    },
    {
        "name": "Agustina Lay", "phone": "081234560003", "area": "Maulafa",
        "shop": "Tenun Ina Tina", "slug": "tenun-ina-tina", "story_public": True,
        "story": "Ina Tina menenun motif Amarasi dengan pewarna alami mengkudu dan nila, "
                 "seperti yang diajarkan ibunya.",
        "products": [
            ("Selendang Tenun Amarasi", "tenun-ikat", 350000, 4, "Selendang tenun ikat motif Amarasi, pewarna alami.", {"material": "benang kapas, pewarna mengkudu dan nila", "size": "180 × 45 cm"}),
            ("Sarung Tenun Ikat", "tenun-ikat", 950000, 2, "Sarung tenun ikat untuk acara adat.", {"material": "benang kapas", "size": "160 × 120 cm"}),
            ("Syal Tenun Mini", "tenun-ikat", 150000, 10, "Syal kecil motif kaif, ringan untuk dipakai sehari-hari.", {"material": "benang kapas", "size": "120 × 20 cm"}),
            ("Tas Selempang Tenun", "tenun-ikat", 225000, 6, "Tas selempang dari kain tenun dengan lapisan dalam.", {"material": "kain tenun, kain katun", "size": "25 × 20 cm"}),
            ("Dompet Tenun", "tenun-ikat", 85000, 15, "Dompet kecil dengan ritsleting.", {"material": "kain tenun", "size": "18 × 10 cm"}),
            ("Selendang Pesanan Motif Keluarga", "tenun-ikat", 600000, None, "Ditenun sesuai motif pilihan Anda. Lama pengerjaan tiga minggu.", {"material": "benang kapas, pewarna alami", "size": "180 × 45 cm", "lead": 21, "capacity": 1}),
        ],
    },
    {
        "name": "Ruth Manafe", "phone": "081234560004", "area": "Alak",
        "shop": "Anyaman Lontar Ibu Ruth", "slug": "anyaman-lontar-ibu-ruth", "story_public": False,
        "story": "Anyaman daun lontar dari Alak.",
        "products": [
            ("Topi Ti'i Langga", "anyaman-lontar", 175000, 5, "Topi adat Rote dari daun lontar.", {"material": "daun lontar", "size": "lingkar 58 cm"}),
            ("Keranjang Lontar Sedang", "anyaman-lontar", 65000, 12, "Keranjang serbaguna untuk pasar atau hantaran.", {"material": "daun lontar", "size": "30 × 20 × 20 cm"}),
            ("Tempat Sirih Kecil", "anyaman-lontar", 40000, 20, "Kotak sirih pinang anyaman halus.", {"material": "daun lontar", "size": "10 × 10 × 6 cm"}),
            ("Tikar Lontar", "anyaman-lontar", 250000, 3, "Tikar anyaman lontar untuk ruang tamu.", {"material": "daun lontar", "size": "200 × 150 cm"}),
            ("Kotak Hantaran Lontar", "anyaman-lontar", 55000, None, "Kotak hadiah, bisa dipesan dengan warna pita pilihan.", {"material": "daun lontar, pita", "size": "20 × 20 × 10 cm", "lead": 4, "capacity": 10}),
            ("Tatakan Gelas (isi 6)", "anyaman-lontar", 45000, 25, "Enam tatakan gelas bundar.", {"material": "daun lontar", "size": "diameter 10 cm"}),
        ],
    },
    {
        "name": "Sarlota Bani", "phone": "081234560005", "area": "Kota Raja",
        "shop": "Sambal Oma Sarlota", "slug": "sambal-oma-sarlota", "story_public": True,
        "story": "Oma Sarlota mulai menjual sambal dari dapurnya setelah ikut pelatihan "
                 "pengemasan Women Care Day.",
        "products": [
            ("Sambal Lu'at Daun Kemangi", "lauk-sambal", 22000, 35, "Sambal lu'at segar dengan daun kemangi.", {"pirt": "", "pirt_in_process": True, "halal": "certified", "shelf": 14, "allergens": ""}),
            ("Sambal Bawang Pedas", "lauk-sambal", 24000, 28, "Sambal bawang goreng yang pedas dan gurih.", {"pirt": "", "pirt_in_process": True, "halal": "certified", "shelf": 30, "allergens": ""}),
            ("Sambal Ikan Tongkol", "lauk-sambal", 32000, 16, "Tongkol suwir dalam sambal merah.", {"pirt": "", "pirt_in_process": True, "halal": "certified", "shelf": 21, "allergens": "ikan"}),
            ("Paket 3 Sambal", "lauk-sambal", 65000, 10, "Tiga botol sambal dalam kotak hadiah.", {"pirt": "", "pirt_in_process": True, "halal": "certified", "shelf": 14, "allergens": "ikan"}),
            ("Abon Ikan Kupang", "lauk-sambal", 45000, 14, "Abon ikan tuna, cocok untuk bekal.", {"pirt": "", "pirt_in_process": True, "halal": "certified", "shelf": 60, "allergens": "ikan"}),
        ],
    },
    {
        "name": "Dorkas Pah", "phone": "081234560006", "area": "Kota Lama",
        "shop": "Camilan Dorkas", "slug": "camilan-dorkas", "story_public": True,
        "story": "Keripik pisang dan jagung titi buatan Mama Dorkas dijual di depan rumahnya di Kota Lama.",
        "products": [
            ("Jagung Titi", "kue-camilan", 20000, 40, "Jagung pipih khas Flores Timur, renyah.", {"pirt": "2065371030789-25", "halal": "certified", "shelf": 90, "allergens": ""}),
            ("Keripik Pisang Gula Lontar", "kue-camilan", 18000, 45, "Keripik pisang kepok berbalut gula lontar.", {"pirt": "2065371030789-25", "halal": "certified", "shelf": 60, "allergens": ""}),
            ("Keripik Ubi Pedas", "kue-camilan", 15000, 50, "Keripik ubi kayu bumbu pedas.", {"pirt": "2065371030789-25", "halal": "certified", "shelf": 60, "allergens": ""}),
            ("Kacang Tanah Sangrai", "kue-camilan", 25000, 30, "Kacang tanah sangrai pasir dari Amarasi.", {"pirt": "2065371030789-25", "halal": "certified", "shelf": 90, "allergens": "kacang tanah"}),
            ("Rengginang Jagung", "kue-camilan", 22000, 0, "Rengginang dari jagung, tinggal digoreng.", {"pirt": "2065371030789-25", "halal": "certified", "shelf": 120, "allergens": ""}),
            ("Dodol Nangka", "kue-camilan", 30000, 12, "Dodol nangka manis legit.", {"pirt": "2065371030789-25", "halal": "certified", "shelf": 30, "allergens": "kelapa"}),
        ],
    },
    {
        "name": "Fransiska Dethan", "phone": "081234560007", "area": "Oebobo",
        "shop": "Minuman Segar Mama Sisi", "slug": "minuman-segar-mama-sisi", "story_public": True,
        "story": "Mama Sisi meracik teh serai dan kopi Flores untuk tetangga, kini untuk pembeli se-Kupang.",
        "products": [
            ("Kopi Bajawa Bubuk 200 g", "minuman", 60000, 20, "Kopi arabika Bajawa, sangrai sedang.", {"pirt": "2065371040111-24", "halal": "certified", "shelf": 180, "allergens": ""}),
            ("Teh Serai Jahe Celup", "minuman", 25000, 30, "Teh herbal serai dan jahe merah, isi 20 kantong.", {"pirt": "2065371040111-24", "halal": "certified", "shelf": 365, "allergens": ""}),
            ("Sirup Asam Jawa", "minuman", 35000, 15, "Sirup asam jawa dan gula lontar.", {"pirt": "2065371040111-24", "halal": "certified", "shelf": 90, "allergens": ""}),
            ("Gula Lontar Cair 500 ml", "minuman", 40000, 18, "Gula lontar cair dari Rote, untuk kopi dan kue.", {"pirt": "2065371040111-24", "halal": "certified", "shelf": 180, "allergens": ""}),
            ("Jus Kelor Segar (pesan dulu)", "minuman", 15000, None, "Jus daun kelor dan madu, dibuat pagi hari.", {"pirt": "", "pirt_in_process": True, "halal": "certified", "shelf": 1, "allergens": "madu", "lead": 1, "capacity": 25}),
        ],
    },
]

#: Demo staff account: log in at /akun/masuk.
STAFF = {"name": "Staf Program", "email": "staf@pasaribu.test", "password": "demo-staf-2026"}
#: Every demo seller's password (shown in the README).
SELLER_PASSWORD = "demo-penjual-2026"
