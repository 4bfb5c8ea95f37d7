/** Fixed vocabulary of the generated demo shop: locales, names, products and attribute types. */
import type { AttributeType } from '../store/entities';

export interface DemoLocale {
  locale: string;
  timeZones: readonly string[];
  firstNames: readonly string[];
  lastNames: readonly string[];
  /** Share of demo customers with this locale. */
  weight: number;
}

export const DEMO_LOCALES: readonly DemoLocale[] = [
  {
    locale: 'en-US',
    timeZones: ['America/New_York', 'America/Chicago', 'America/Los_Angeles'],
    firstNames: ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mason', 'Sophia', 'Lucas'],
    lastNames: ['Smith', 'Johnson', 'Brown', 'Garcia', 'Miller', 'Davis', 'Wilson'],
    weight: 30,
  },
  {
    locale: 'en-GB',
    timeZones: ['Europe/London'],
    firstNames: ['Amelia', 'Oliver', 'Isla', 'George', 'Freya', 'Harry'],
    lastNames: ['Taylor', 'Evans', 'Thomas', 'Roberts', 'Walker'],
    weight: 12,
  },
  {
    locale: 'de-DE',
    timeZones: ['Europe/Berlin'],
    firstNames: ['Lena', 'Jonas', 'Mia', 'Felix', 'Hannah', 'Paul'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber'],
    weight: 12,
  },
  {
    locale: 'fr-FR',
    timeZones: ['Europe/Paris'],
    firstNames: ['Chloé', 'Hugo', 'Léa', 'Louis', 'Manon', 'Jules'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Laurent', 'Lefèvre'],
    weight: 10,
  },
  {
    locale: 'zh-CN',
    timeZones: ['Asia/Shanghai'],
    firstNames: ['伟', '芳', '娜', '敏', '静', '磊', '洋'],
    lastNames: ['王', '李', '张', '刘', '陈', '杨'],
    weight: 20,
  },
  {
    locale: 'ja-JP',
    timeZones: ['Asia/Tokyo'],
    firstNames: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi'],
    lastNames: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Ito'],
    weight: 8,
  },
  {
    locale: 'es-ES',
    timeZones: ['Europe/Madrid'],
    firstNames: ['Lucía', 'Hugo', 'Martina', 'Mateo', 'Sofía', 'Leo'],
    lastNames: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez'],
    weight: 8,
  },
];

/**
 * Product categories, named after the spend columns of the Customer Personality
 * data set so the same rules read both that data and the demo shop.
 */
export const DEMO_CATEGORIES = [
  { category: 'wines', spendAttribute: 'MntWines', priceRange: [9, 90] },
  { category: 'fruits', spendAttribute: 'MntFruits', priceRange: [2, 15] },
  { category: 'meat', spendAttribute: 'MntMeatProducts', priceRange: [6, 60] },
  { category: 'fish', spendAttribute: 'MntFishProducts', priceRange: [7, 45] },
  { category: 'sweets', spendAttribute: 'MntSweetProducts', priceRange: [2, 20] },
  { category: 'gold', spendAttribute: 'MntGoldProds', priceRange: [40, 400] },
] as const;

export type DemoCategory = (typeof DEMO_CATEGORIES)[number]['category'];

export const DEMO_PRODUCT_NAMES: Record<DemoCategory, readonly string[]> = {
  wines: ['Rioja Reserva', 'Chablis Premier Cru', 'Barolo', 'Sancerre', 'Malbec Mendoza', 'Riesling Kabinett', 'Prosecco Superiore', 'Pinot Noir Otago', 'Côtes du Rhône', 'Vinho Verde'],
  fruits: ['Alphonso Mangoes', 'Blood Oranges', 'Fuji Apples', 'Medjool Dates', 'Wild Blueberries', 'Lychees'],
  meat: ['Iberico Ham', 'Dry-aged Ribeye', 'Free-range Chicken', 'Lamb Rack', 'Wagyu Burger Patties', 'Smoked Duck Breast'],
  fish: ['Wild Salmon Fillet', 'Tuna Steak', 'Smoked Trout', 'Sea Bass', 'King Prawns', 'Oysters'],
  sweets: ['Dark Chocolate Truffles', 'Macarons', 'Baklava', 'Salted Caramels', 'Panettone', 'Mochi Assortment'],
  gold: ['Gold-leaf Champagne Flutes', 'Engraved Gold Pen', 'Gold Cufflinks', 'Gold Charm Bracelet', 'Gilded Wine Decanter'],
};

export const DEMO_EDUCATION = ['Basic', '2n Cycle', 'Graduation', 'Master', 'PhD'] as const;
export const DEMO_MARITAL_STATUS = ['Single', 'Married', 'Together', 'Divorced', 'Widow'] as const;

/**
 * Types of the customer attributes the generator writes, the columns of the Customer
 * Personality data set. Dt_Customer, the day the customer joined, is a date (epoch ms).
 */
export const DEMO_ATTRIBUTE_TYPES: Readonly<Record<string, AttributeType>> = {
  Year_Birth: 'number',
  Education: 'string',
  Marital_Status: 'string',
  Income: 'number',
  Kidhome: 'number',
  Teenhome: 'number',
  Dt_Customer: 'date',
  Recency: 'number',
  MntWines: 'number',
  MntFruits: 'number',
  MntMeatProducts: 'number',
  MntFishProducts: 'number',
  MntSweetProducts: 'number',
  MntGoldProds: 'number',
  NumDealsPurchases: 'number',
  NumWebPurchases: 'number',
  NumCatalogPurchases: 'number',
  NumStorePurchases: 'number',
  NumWebVisitsMonth: 'number',
  AcceptedCmp1: 'number',
  AcceptedCmp2: 'number',
  AcceptedCmp3: 'number',
  AcceptedCmp4: 'number',
  AcceptedCmp5: 'number',
  Complain: 'number',
  Z_CostContact: 'number',
  Z_Revenue: 'number',
  Response: 'number',
};

/** Types of the item attributes the generator writes. */
export const DEMO_ITEM_ATTRIBUTE_TYPES: Readonly<Record<string, AttributeType>> = {
  organic: 'boolean',
};
