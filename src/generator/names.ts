/**
 * Name pools for a made-up Indian B2B market: people, company name parts, cities, job titles.
 * Every company and domain is invented; domains end in ".example".
 */

export const FIRST_NAMES = [
  'Aarav', 'Aditi', 'Aditya', 'Akash', 'Amit', 'Ananya', 'Anil', 'Anjali', 'Ankit', 'Anupama', 'Arjun', 'Arvind',
  'Ayesha', 'Bhavna', 'Chetan', 'Deepa', 'Deepak', 'Dinesh', 'Divya', 'Farhan', 'Gaurav', 'Geeta', 'Gurpreet',
  'Harish', 'Harpreet', 'Hemant', 'Imran', 'Isha', 'Ishaan', 'Jayesh', 'Joseph', 'Jyoti', 'Karan', 'Kavita', 'Kavya',
  'Kiran', 'Krishna', 'Kunal', 'Lakshmi', 'Lavanya', 'Mahesh', 'Manish', 'Manpreet', 'Meena', 'Mihir', 'Mohan',
  'Nandini', 'Naveen', 'Neha', 'Nikhil', 'Nisha', 'Omkar', 'Pallavi', 'Pankaj', 'Parth', 'Pooja', 'Pradeep',
  'Prakash', 'Priya', 'Rahul', 'Rajesh', 'Rakesh', 'Ramesh', 'Ravi', 'Rekha', 'Ritu', 'Riya', 'Rohan', 'Sachin',
  'Sameer', 'Sandeep', 'Sanjay', 'Sapna', 'Shalini', 'Shweta', 'Siddharth', 'Sneha', 'Srinivas', 'Sunil', 'Suresh',
  'Swati', 'Tanvi', 'Tarun', 'Tejas', 'Thomas', 'Uma', 'Varun', 'Venkat', 'Vikram', 'Vinod', 'Vivek', 'Yogesh',
  'Zoya', 'Anand', 'Bhushan', 'Chitra', 'Gayatri', 'Hitesh', 'Jasleen', 'Kamal', 'Madhavi', 'Nitin', 'Prerna',
] as const;

export const LAST_NAMES = [
  'Sharma', 'Verma', 'Gupta', 'Agarwal', 'Jain', 'Mehta', 'Shah', 'Patel', 'Desai', 'Joshi', 'Kulkarni', 'Deshpande',
  'Patil', 'Pawar', 'Shinde', 'Rao', 'Reddy', 'Naidu', 'Iyer', 'Iyengar', 'Nair', 'Menon', 'Pillai', 'Krishnan',
  'Subramanian', 'Banerjee', 'Chatterjee', 'Mukherjee', 'Das', 'Ghosh', 'Bose', 'Sen', 'Singh', 'Chauhan', 'Rathore',
  'Yadav', 'Mishra', 'Tiwari', 'Pandey', 'Dubey', 'Srivastava', 'Saxena', 'Kapoor', 'Khanna', 'Malhotra', 'Arora',
  'Bhatia', 'Sethi', 'Chopra', 'Gill', 'Sandhu', 'Grewal', 'Khan', 'Qureshi', 'Sheikh', 'Fernandes', "D'Souza",
  'Thakur', 'Bhat', 'Hegde', 'Shetty', 'Kamath', 'Prabhu', 'Naik', 'Goswami', 'Trivedi', 'Vyas', 'Parikh', 'Modi',
  'Bansal', 'Goyal', 'Mittal', 'Singhal', 'Choudhary', 'Kaur', 'Dutta', 'Rajan', 'Varghese', 'Ahuja', 'Lal',
] as const;

/** Brand-like first words of company names. Showcase names' words are kept out so those stay unique. */
export const COMPANY_PREFIXES = [
  'Sai Krishna', 'Ganesh', 'Balaji', 'Trishul', 'Kaveri', 'Narmada', 'Sahyadri', 'Aravali', 'Himalaya', 'Ashoka',
  'Maruti', 'Sundaram', 'Annapurna', 'Omkar', 'Siddhi', 'Vighnaharta', 'Navkar', 'Mahavir', 'Jai Ambe', 'Shubh',
  'Ratnagiri', 'Konkan', 'Deccan', 'Kalinga', 'Magadh', 'Vindhya', 'Satpura', 'Triveni', 'Godavari', 'Tapti',
  'Indus', 'Zenith', 'Apex', 'Pinnacle', 'Sterling', 'Crescent', 'Orient', 'Surya', 'Chandra', 'Agni', 'Akash',
  'Prithvi', 'Nandi', 'Garuda', 'Airavat', 'Kamdhenu', 'Swastik', 'Parag', 'Amrut', 'Madhur', 'Nirmal', 'Saffron',
  'Peacock', 'Lotus', 'Banyan', 'Tulsi', 'Kesar', 'Gokul', 'Vrindavan', 'Dwarka', 'Kashi', 'Nilgiri', 'Malabar',
  'Coromandel', 'Sindhu', 'Ganga', 'Yamuna', 'Brahmaputra', 'Chambal', 'Kosi', 'Sabari', 'Tirupati', 'Meenakshi',
  'Chola', 'Pallava', 'Vijaya', 'Hampi', 'Kanchi', 'Madurai', 'Aryan', 'Vedanta', 'Utkal', 'Kamakhya', 'Sarvodaya',
  'Anmol', 'Ujala', 'Roshni', 'Prabhat', 'Sagar', 'Kinara', 'Dhruv', 'Arjun', 'Veer', 'Shakti', 'Tejas', 'Vega',
  'Rapid', 'Swift', 'Bluedart', 'Redline', 'Greenfield', 'Silverline', 'Goldcrest', 'Everest', 'Kailash', 'Meru',
  'Pushpak', 'Rathi', 'Bhagwati', 'Durga', 'Lakshya', 'Unnati', 'Pragati', 'Samarth', 'Sankalp', 'Vishwas', 'Param',
  'Kohinoor', 'Heera', 'Moti', 'Panna', 'Neelkanth', 'Shivam', 'Raghav', 'Keshav', 'Madhav', 'Girnar', 'Abu',
  'Thar', 'Rann', 'Sunderban', 'Chilika', 'Loktak', 'Dal', 'Periyar', 'Cauvery', 'Tungabhadra', 'Krishnaveni',
] as const;

/** Words that make a three-part name when two-part names run out at large sizes. */
export const COMPANY_QUALIFIERS = [
  'Shree', 'Sri', 'New', 'Royal', 'Global', 'National', 'United', 'Eastern', 'Western', 'Southern', 'Northern',
  'Prime', 'Metro', 'Bharat', 'Om', 'Jay', 'Neo', 'Star', 'Super', 'Classic',
] as const;

export type Sector = 'logistics' | 'manufacturing' | 'retail' | 'pharma' | 'fmcg';

/** Core words by sector, with the HubSpot industry value a company of that kind carries. */
export const COMPANY_CORES: ReadonlyArray<readonly [core: string, sector: Sector, industry: string]> = [
  ['Logistics', 'logistics', 'LOGISTICS_AND_SUPPLY_CHAIN'],
  ['Freight', 'logistics', 'LOGISTICS_AND_SUPPLY_CHAIN'],
  ['Roadlines', 'logistics', 'TRANSPORTATION_TRUCKING_RAILROAD'],
  ['Carriers', 'logistics', 'TRANSPORTATION_TRUCKING_RAILROAD'],
  ['Transport', 'logistics', 'TRANSPORTATION_TRUCKING_RAILROAD'],
  ['Cargo Movers', 'logistics', 'PACKAGE_FREIGHT_DELIVERY'],
  ['Express', 'logistics', 'PACKAGE_FREIGHT_DELIVERY'],
  ['Supply Chain', 'logistics', 'LOGISTICS_AND_SUPPLY_CHAIN'],
  ['Cold Chain', 'logistics', 'WAREHOUSING'],
  ['Warehousing', 'logistics', 'WAREHOUSING'],
  ['Fleet Services', 'logistics', 'TRANSPORTATION_TRUCKING_RAILROAD'],
  ['Auto Components', 'manufacturing', 'AUTOMOTIVE'],
  ['Steel', 'manufacturing', 'MINING_METALS'],
  ['Polymers', 'manufacturing', 'CHEMICALS'],
  ['Engineering', 'manufacturing', 'MACHINERY'],
  ['Castings', 'manufacturing', 'MACHINERY'],
  ['Tyres', 'manufacturing', 'AUTOMOTIVE'],
  ['Cables', 'manufacturing', 'ELECTRICAL_ELECTRONIC_MANUFACTURING'],
  ['Packaging', 'manufacturing', 'PACKAGING_AND_CONTAINERS'],
  ['Cement', 'manufacturing', 'BUILDING_MATERIALS'],
  ['Chemicals', 'manufacturing', 'CHEMICALS'],
  ['Paints', 'manufacturing', 'CHEMICALS'],
  ['Textiles', 'manufacturing', 'TEXTILES'],
  ['Retail', 'retail', 'RETAIL'],
  ['Mart', 'retail', 'RETAIL'],
  ['Fashions', 'retail', 'APPAREL_FASHION'],
  ['Home Stores', 'retail', 'RETAIL'],
  ['Lifestyle', 'retail', 'CONSUMER_GOODS'],
  ['Electronics', 'retail', 'CONSUMER_ELECTRONICS'],
  ['Pharma', 'pharma', 'PHARMACEUTICALS'],
  ['Lifesciences', 'pharma', 'PHARMACEUTICALS'],
  ['Healthcare', 'pharma', 'HOSPITAL_HEALTH_CARE'],
  ['Remedies', 'pharma', 'PHARMACEUTICALS'],
  ['Labs', 'pharma', 'PHARMACEUTICALS'],
  ['Biotech', 'pharma', 'BIOTECHNOLOGY'],
  ['Foods', 'fmcg', 'FOOD_BEVERAGES'],
  ['Agro', 'fmcg', 'FOOD_PRODUCTION'],
  ['Beverages', 'fmcg', 'FOOD_BEVERAGES'],
  ['Dairy', 'fmcg', 'DAIRY'],
  ['Consumer Products', 'fmcg', 'CONSUMER_GOODS'],
  ['Spices', 'fmcg', 'FOOD_PRODUCTION'],
  ['Edible Oils', 'fmcg', 'FOOD_PRODUCTION'],
  ['Snacks', 'fmcg', 'FOOD_BEVERAGES'],
];

/** Legal-form suffixes and how often each appears. */
export const COMPANY_SUFFIXES: ReadonlyArray<readonly [string, number]> = [
  ['Pvt Ltd', 0.34],
  ['Private Limited', 0.12],
  ['Ltd', 0.1],
  ['Group', 0.07],
  ['Industries', 0.06],
  ['', 0.23],
  ['LLP', 0.04],
  ['& Co', 0.04],
];

/** Tokens a person (or a dedupe check) ignores when comparing company names. */
export const LEGAL_TOKENS = new Set(['pvt', 'ltd', 'private', 'limited', 'llp', 'group', 'grp', 'industries', 'co', '&', 'and', 'the']);

export const CITIES = [
  'Mumbai', 'Pune', 'Gurugram', 'New Delhi', 'Bengaluru', 'Chennai', 'Ahmedabad', 'Hyderabad', 'Kolkata', 'Ludhiana',
  'Indore', 'Nagpur', 'Surat', 'Coimbatore', 'Vadodara', 'Jaipur', 'Nashik', 'Bhiwandi', 'Vapi', 'Noida',
] as const;

/** Job titles of the people a logistics-software AE sells to. */
export const JOB_TITLES = [
  'Head - Logistics', 'VP Supply Chain', 'CFO', 'Logistics Manager', 'GM Operations', 'Director - Supply Chain',
  'Transport Manager', 'Warehouse Manager', 'IT Head', 'Procurement Manager', 'COO', 'Founder & CEO',
  'Senior Manager - Distribution', 'AVP Operations', 'Dispatch In-charge', 'Head - SCM',
] as const;

/** Competitors a note may name (planted mentions only). */
export const COMPETITORS = ['LogiNext', 'FarEye', 'Locus', 'Shipsy', 'Fretron', 'Intugine'] as const;

/** Products the team sells; deal names end with one. */
export const PRODUCTS = ['TMS', 'WMS', 'Fleet Visibility', 'TMS + WMS', 'Control Tower'] as const;
export type Product = (typeof PRODUCTS)[number];

/** Names every default-size portal shows (they appear in the contract's examples). */
export const SHOWCASE_COMPANIES: ReadonlyArray<{ name: string; domain: string; sector: Sector; industry: string; city: string }> = [
  { name: 'Forace Group', domain: 'forace.example', sector: 'logistics', industry: 'LOGISTICS_AND_SUPPLY_CHAIN', city: 'Pune' },
  { name: 'Vahan Freight Pvt Ltd', domain: 'vahanfreight.example', sector: 'logistics', industry: 'TRANSPORTATION_TRUCKING_RAILROAD', city: 'Gurugram' },
  { name: 'Shreeji Logistics Pvt Ltd', domain: 'shreejilogistics.example', sector: 'logistics', industry: 'LOGISTICS_AND_SUPPLY_CHAIN', city: 'Ahmedabad' },
];

/** Domains for contacts with no company (personal mailboxes), all invented. */
export const PERSONAL_DOMAINS = ['mailbox.example', 'inbox.example', 'webmail.example'] as const;
