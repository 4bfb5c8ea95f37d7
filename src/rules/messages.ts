/**
 * The one catalogue of diagnostic texts, in English and Simplified Chinese. Each entry
 * builds both languages at once so a diagnostic can be shown in either later.
 *
 * Codes: RC001 unreadable file, RC1xx syntax, RC2xx names, RC3xx types, RC4xx campaign settings, RC5xx warnings.
 */
import type { ListedItemField } from '../store/repositories/item.repository';
import {
  joinAlternatives,
  joinList,
  Localized,
  MessageLanguage,
  tokenKindLabel,
  typeLabel,
  ValueType,
} from './message-labels';

export interface Message {
  code: string;
  text: Localized;
}

function both(code: string, en: string, zh: string): Message {
  return { code, text: { en, 'zh-CN': zh } };
}

function perLanguage(code: string, build: (lang: MessageLanguage) => string): Message {
  return { code, text: { en: build('en'), 'zh-CN': build('zh-CN') } };
}

function localized(en: string, zh: string): Localized {
  return { en, 'zh-CN': zh };
}

const q = (value: string): string => `"${value}"`;

/** Values a "known categories" suggestion lists before "and N more". */
const MAX_LISTED_VALUES = 20;

const ITEM_FIELD_PLURALS: Readonly<Record<ListedItemField, Localized>> = {
  category: localized('categories', '类别'),
  currency: localized('currencies', '货币'),
};

/** Effect of a value outside its field's values or score range: the condition is never true, always true, or one list entry matches nothing. */
export type OutsideValueEffect = 'never' | 'always' | 'entry';

/** Texts of the `suggestion` part of a diagnostic. */
export const suggestions = {
  didYouMean: (candidate: string): Localized => localized(`did you mean ${q(candidate)}?`, `是否想写 ${q(candidate)}？`),
  known: (names: readonly string[]): Localized =>
    names.length === 0
      ? localized('none are known', '目前没有可用的名称')
      : localized(`known: ${joinList(names, 'en')}`, `可用：${joinList(names, 'zh-CN')}`),
  useWord: (word: string, instead: string): Localized =>
    localized(`write ${q(word)} instead of ${q(instead)}`, `请用 ${q(word)} 代替 ${q(instead)}`),
  dateFormat: (): Localized =>
    localized('write dates as YYYY-MM-DD, for example 2014-06-30', '日期写作 YYYY-MM-DD，例如 2014-06-30'),
  daysSince: (): Localized =>
    localized(
      'to compare how long ago a date was, use days_since(date) > 30 or date < now - 30 days',
      '要比较距今多久，请写 days_since(日期) > 30 或 日期 < now - 30 days',
    ),
  orderStrings: (): Localized =>
    localized('use = or !=, or starts_with() and contains()', '请用 = 或 !=，或者 starts_with() 和 contains()'),
  addCap: (): Localized =>
    localized('add for example "cap 1 per 7 days", or a "global cap" for all campaigns', '例如加上 "cap 1 per 7 days"，或为所有活动设置 "global cap"'),
  modelsOfKind: (kind: string, names: readonly string[]): Localized =>
    names.length === 0
      ? localized(`no ${kind} is configured in models.json`, `models.json 中没有配置 ${kind}`)
      : localized(`${kind}s: ${joinList(names, 'en')}`, `可用的 ${kind}：${joinList(names, 'zh-CN')}`),
  noAttributes: (entity: 'customer' | 'item'): Localized =>
    entity === 'customer'
      ? localized('no customer attributes are known yet; import customers first', '还没有任何客户属性；请先导入客户数据')
      : localized('no item attributes are known yet; import items first', '还没有任何商品属性；请先导入商品数据'),
  straightQuotes: (): Localized =>
    localized('write strings between straight double quotes: "text"', '字符串请用英文双引号："text"'),
  offerExample: (): Localized =>
    localized('for example: offer top 3 from recommend(products)', '例如：offer top 3 from recommend(products)'),
  trainModel: (model: string): Localized =>
    localized(`run "rulecast train ${model}"`, `请运行 "rulecast train ${model}"`),
  fixLabelAndTrain: (model: string): Localized =>
    localized(
      `fix the label in models.json if the problem is there, then run "rulecast train ${model}"`,
      `如果问题出在 models.json 的标签上，请先修改，然后运行 "rulecast train ${model}"`,
    ),
  scheduleTime: (): Localized => localized('for example: every monday at 09:00', '例如：every monday at 09:00'),
  removeAt: (): Localized => localized('remove the "at ..." part', '请去掉 "at ..." 部分'),
  quoteName: (): Localized =>
    localized('names with other characters are written as strings: attr."Größe"', '含其他字符的名称请写成字符串：attr."Größe"'),
  splitNesting: (): Localized =>
    localized('split the condition into named segments', '请把条件拆成几个具名 segment'),
  knownItemValues: (field: ListedItemField, values: readonly string[], match: string | null): Localized => {
    const plural = ITEM_FIELD_PLURALS[field];
    const listed = values.slice(0, MAX_LISTED_VALUES).map(q);
    const more = values.length - listed.length;
    const listEn = more > 0 ? `${joinList(listed, 'en')} and ${more} more` : joinList(listed, 'en');
    const listZh = more > 0 ? `${joinList(listed, 'zh-CN')} 等 ${values.length} 个` : joinList(listed, 'zh-CN');
    const known =
      values.length === 0
        ? localized(`no item has a ${field}`, `没有商品设置了${plural['zh-CN']}`)
        : localized(`known ${plural.en}: ${listEn}`, `已有的${plural['zh-CN']}：${listZh}`);
    return match === null ? known : localized(`did you mean ${q(match)}? ${known.en}`, `是否想写 ${q(match)}？${known['zh-CN']}`);
  },
  percentThreshold: (written: string, fraction: string): Localized =>
    localized(`scores are fractions: write ${written}% or ${fraction}`, `分数是小数：请写 ${written}% 或 ${fraction}`),
};


/** Every diagnostic message, by name. */
export const messages = {
  // Reading.
  cannotRead: (reason: Localized) => both('RC001', `cannot read: ${reason.en}`, `无法读取：${reason['zh-CN']}`),

  // Syntax.
  unexpectedCharacter: (text: string) =>
    both('RC101', `unexpected character ${q(text)}`, `无法识别的字符 ${q(text)}`),
  unclosedString: () =>
    both('RC102', 'string is not closed before the end of the line', '字符串在行尾前没有闭合'),
  invalidEscape: (sequence: string) =>
    both(
      'RC103',
      `unknown escape sequence ${q(sequence)} in string; use \\\\, \\", \\n, \\t or \\u{...}`,
      `字符串中有未知的转义序列 ${q(sequence)}；可用 \\\\、\\"、\\n、\\t 或 \\u{...}`,
    ),
  expectedToken: (expected: readonly string[], found: string, foundIsEnd: boolean) =>
    perLanguage('RC104', (lang) => {
      const wanted = joinAlternatives(expected.map((name) => tokenKindLabel(name, lang)), lang);
      const actual = foundIsEnd ? tokenKindLabel('EOF', lang) : q(found);
      return lang === 'en' ? `expected ${wanted} but found ${actual}` : `此处应为 ${wanted}，实际是 ${actual}`;
    }),
  expectedDescribed: (description: Localized, found: string, foundIsEnd: boolean) =>
    perLanguage('RC104', (lang) => {
      const actual = foundIsEnd ? tokenKindLabel('EOF', lang) : q(found);
      return lang === 'en' ? `expected ${description.en} but found ${actual}` : `此处应为${description['zh-CN']}，实际是 ${actual}`;
    }),
  foreignOperator: (operator: string) =>
    both('RC110', `${q(operator)} is not an operator of the rules language`, `${q(operator)} 不是规则语言的运算符`),
  nestingTooDeep: (depth: number, max: number) =>
    both(
      'RC105',
      `parentheses and brackets are nested ${depth} levels deep; the maximum is ${max}`,
      `括号嵌套了 ${depth} 层，最多允许 ${max} 层`,
    ),
  tooManyErrors: (max: number) =>
    both('RC106', `too many errors; only the first ${max} are shown`, `错误太多，只显示前 ${max} 个`),
  invalidDate: (text: string) =>
    both('RC107', `invalid date ${q(text)}`, `无效的日期 ${q(text)}`),
  invalidTime: (text: string) =>
    both('RC108', `invalid time ${q(text)}; use HH:MM from 00:00 to 23:59`, `无效的时间 ${q(text)}；请用 00:00 到 23:59 之间的 HH:MM`),
  invalidNumber: (text: string) =>
    both('RC109', `number ${q(text)} is too large`, `数字 ${q(text)} 太大`),

  // Names.
  unknownAttribute: (name: string, entity: 'customer' | 'item') =>
    both(
      'RC201',
      `unknown ${entity} attribute ${q(name)}`,
      `未知的${entity === 'customer' ? '客户' : '商品'}属性 ${q(name)}`,
    ),
  unknownName: (name: string) =>
    both('RC202', `unknown name ${q(name)}: not a segment or a customer field`, `未知的名称 ${q(name)}：既不是 segment 也不是客户字段`),
  unknownItemField: (name: string) =>
    both('RC203', `unknown item field ${q(name)}`, `未知的商品字段 ${q(name)}`),
  unknownFunction: (name: string) =>
    both('RC204', `unknown function ${q(name)}`, `未知的函数 ${q(name)}`),
  unknownModel: (name: string, fn: string) =>
    both('RC205', `unknown model ${q(name)} in ${fn}()`, `${fn}() 中的模型 ${q(name)} 不存在`),
  wrongModelKind: (name: string, actual: string, fn: string, needed: string) =>
    both(
      'RC206',
      `model ${q(name)} is a ${actual}, but ${fn}() needs a ${needed}`,
      `模型 ${q(name)} 是 ${actual}，但 ${fn}() 需要 ${needed}`,
    ),
  unknownEventType: (name: string) =>
    both('RC207', `unknown event type ${q(name)}`, `未知的事件类型 ${q(name)}`),
  unknownTemplate: (name: string) =>
    both('RC208', `unknown template ${q(name)}`, `模板 ${q(name)} 不存在`),
  unknownClusterLabel: (label: string, model: string) =>
    both('RC209', `model ${q(model)} has no cluster labelled ${q(label)}`, `模型 ${q(model)} 没有名为 ${q(label)} 的分群`),
  unknownEventProperty: (property: string) =>
    both(
      'RC210',
      `events have no field ${q(property)}; use time, value or item`,
      `事件没有字段 ${q(property)}；可用 time、value 或 item`,
    ),
  unknownChannel: (channel: string) =>
    both('RC211', `unknown channel ${q(channel)}; only email is supported`, `未知的渠道 ${q(channel)}；目前只支持 email`),
  invalidMember: () =>
    both(
      'RC212',
      'a "." can only follow attr, an event type inside an aggregate, or last()/first()',
      '"." 只能用在 attr、聚合函数中的事件类型、或 last()/first() 之后',
    ),
  duplicateSegment: (name: string) =>
    both('RC213', `segment ${q(name)} is already defined`, `segment ${q(name)} 已经定义过`),
  duplicateCampaign: (name: string) =>
    both('RC214', `campaign ${q(name)} is already defined`, `活动 ${q(name)} 已经定义过`),
  segmentCycle: (path: readonly string[]) =>
    both(
      'RC215',
      `segment ${q(path[0] ?? '')} refers to itself: ${path.join(' -> ')}`,
      `segment ${q(path[0] ?? '')} 引用了自身：${path.join(' -> ')}`,
    ),
  segmentShadowsField: (name: string) =>
    both('RC216', `segment name ${q(name)} is a built-in customer field`, `segment 名称 ${q(name)} 与内置客户字段重名`),
  duplicateGlobalCap: () =>
    both('RC223', 'a global cap is already set; keep one', '已经设置过 global cap，只能保留一个'),
  segmentsTooDeep: (name: string, depth: number, max: number) =>
    both(
      'RC224',
      `segment ${q(name)} builds on a chain of ${depth} segments; the maximum is ${max}`,
      `segment ${q(name)} 依赖的 segment 链长度为 ${depth}，最多允许 ${max}`,
    ),
  unknownTimeZone: (name: string) =>
    both('RC217', `unknown time zone ${q(name)}`, `未知的时区 ${q(name)}`),
  expectedModelName: (fn: string) =>
    both('RC218', `${fn}() takes a model name, like ${fn}(kmeans)`, `${fn}() 的参数应为模型名称，例如 ${fn}(kmeans)`),
  expectedEventType: (fn: string) =>
    both('RC219', `${fn}() needs an event type, like ${fn}(purchase)`, `${fn}() 需要一个事件类型，例如 ${fn}(purchase)`),
  expectedEventValue: (fn: string) =>
    both(
      'RC220',
      `${fn}() works on event values: write ${fn}(purchase.value)`,
      `${fn}() 作用于事件的数值：请写 ${fn}(purchase.value)`,
    ),
  segmentInItemFilter: (name: string) =>
    both(
      'RC221',
      `segment ${q(name)} describes customers and cannot filter offered items`,
      `segment ${q(name)} 描述的是客户，不能用于筛选商品`,
    ),
  customerDataInItemFilter: () =>
    both(
      'RC222',
      'an offer filter can only use item fields (id, title, category, price, currency, active, attr.NAME)',
      '商品筛选条件只能使用商品字段（id、title、category、price、currency、active、attr.NAME）',
    ),

  // Types.
  cannotCompare: (left: ValueType, right: ValueType) =>
    perLanguage('RC301', (lang) =>
      lang === 'en'
        ? `cannot compare ${typeLabel(left, lang)} with ${typeLabel(right, lang)}`
        : `不能比较${typeLabel(left, lang)}和${typeLabel(right, lang)}`,
    ),
  cannotOrder: (type: ValueType, operator: string) =>
    perLanguage('RC302', (lang) =>
      lang === 'en'
        ? `cannot use ${q(operator)} on ${typeLabel(type, lang)}`
        : `${typeLabel(type, lang)}不能使用 ${q(operator)}`,
    ),
  operatorTypes: (operator: string, left: ValueType, right: ValueType) =>
    perLanguage('RC303', (lang) =>
      lang === 'en'
        ? `cannot apply ${q(operator)} to ${typeLabel(left, lang)} and ${typeLabel(right, lang)}`
        : `不能对${typeLabel(left, lang)}和${typeLabel(right, lang)}使用 ${q(operator)}`,
    ),
  negateType: (type: ValueType) =>
    perLanguage('RC304', (lang) =>
      lang === 'en' ? `cannot negate ${typeLabel(type, lang)}` : `不能对${typeLabel(type, lang)}取负`,
    ),
  expectedCondition: (place: 'audience' | 'segment' | 'filter' | 'and' | 'or' | 'not', actual: ValueType) =>
    perLanguage('RC305', (lang) => {
      const places: Record<typeof place, Localized> = {
        audience: localized('the audience', '受众'),
        segment: localized('a segment', 'segment'),
        filter: localized('the offer filter', '商品筛选条件'),
        and: localized('each side of "and"', '"and" 两边'),
        or: localized('each side of "or"', '"or" 两边'),
        not: localized('the operand of "not"', '"not" 的操作数'),
      };
      return lang === 'en'
        ? `${places[place].en} must be a condition (true or false), but this is ${typeLabel(actual, lang)}`
        : `${places[place]['zh-CN']}必须是条件（真或假），但这里是${typeLabel(actual, lang)}`;
    }),
  argumentCount: (fn: string, expected: number, actual: number) =>
    both(
      'RC306',
      `${fn}() takes ${expected} argument${expected === 1 ? '' : 's'}, but ${actual} ${actual === 1 ? 'was' : 'were'} given`,
      `${fn}() 需要 ${expected} 个参数，实际给了 ${actual} 个`,
    ),
  argumentType: (fn: string, position: number, expected: ValueType, actual: ValueType) =>
    perLanguage('RC307', (lang) =>
      lang === 'en'
        ? `argument ${position} of ${fn}() must be ${typeLabel(expected, lang)}, but this is ${typeLabel(actual, lang)}`
        : `${fn}() 的第 ${position} 个参数应为${typeLabel(expected, lang)}，但这里是${typeLabel(actual, lang)}`,
    ),
  windowNotAllowed: (fn: string) =>
    both(
      'RC308',
      `${fn}() does not take a window; only count, sum, avg, min, max, first and last do`,
      `${fn}() 不接受时间窗口；只有 count、sum、avg、min、max、first 和 last 可以`,
    ),
  recommendOutsideOffer: () =>
    both(
      'RC309',
      'recommend() gives the items to offer and is only allowed in an offer clause',
      'recommend() 给出要推荐的商品，只能用在 offer 子句中',
    ),
  offerSourceNotRecommend: () =>
    both('RC310', 'the items to offer must come from recommend(model)', '要推荐的商品必须来自 recommend(模型)'),
  presenceOnLiteral: () =>
    both(
      'RC311',
      'only fields, attributes, events and model outputs can be missing; this is a fixed value',
      '只有字段、属性、事件和模型输出可能缺失；这里是固定值',
    ),
  listItemType: (expected: ValueType, actual: ValueType) =>
    perLanguage('RC312', (lang) =>
      lang === 'en'
        ? `list items must be ${typeLabel(expected, lang)} like the value before "in", but this is ${typeLabel(actual, lang)}`
        : `列表项必须与 "in" 前的值一样是${typeLabel(expected, lang)}，但这里是${typeLabel(actual, lang)}`,
    ),
  listOutsideIn: () =>
    both('RC313', 'a list in [ ] is only allowed after "in"', '方括号列表只能用在 "in" 之后'),
  notAValue: (type: ValueType) =>
    perLanguage('RC314', (lang) =>
      lang === 'en'
        ? `${typeLabel(type, lang)} cannot be used here; take a field of it, like last(purchase).time`
        : `这里不能直接使用${typeLabel(type, lang)}；请取它的字段，例如 last(purchase).time`,
    ),
  percentHere: () =>
    both('RC315', 'a percentage is only allowed where a number is expected', '百分比只能用在需要数字的地方'),

  // Campaign settings.
  missingClause: (campaign: string, clause: string) =>
    both('RC401', `campaign ${q(campaign)} has no ${clause}`, `活动 ${q(campaign)} 缺少 ${clause}`),
  missingEmail: (campaign: string) =>
    both(
      'RC402',
      `campaign ${q(campaign)} sends nothing: add send email "template" or variants`,
      `活动 ${q(campaign)} 没有可发送的内容：请加上 send email "模板" 或 variants`,
    ),
  duplicateClause: (campaign: string, clause: string) =>
    both('RC403', `campaign ${q(campaign)} has more than one ${clause}`, `活动 ${q(campaign)} 有多个 ${clause}`),
  variantsTotal: (total: string) =>
    both('RC404', `variants add up to ${total}%, expected 100%`, `各版本比例合计 ${total}%，应为 100%`),
  duplicateVariant: (name: string) =>
    both('RC405', `variant ${q(name)} is listed twice`, `版本 ${q(name)} 出现了两次`),
  variantWeight: (weight: string) =>
    both('RC406', `variant weight ${weight}% must be more than 0% and at most 100%`, `版本比例 ${weight}% 必须大于 0% 且不超过 100%`),
  variantWithoutTemplate: (name: string) =>
    both(
      'RC407',
      `variant ${q(name)} names no template and the campaign has no send email "template"`,
      `版本 ${q(name)} 没有指定模板，活动也没有 send email "模板"`,
    ),
  holdoutRange: (percent: string) =>
    both('RC408', `holdout ${percent}% must be from 0% to 99%`, `holdout ${percent}% 必须在 0% 到 99% 之间`),
  invalidCron: (expression: string, field: string | null, value: string | null) =>
    both(
      'RC409',
      field === null
        ? `invalid cron expression ${q(expression)}: it needs 5 fields (minute hour day-of-month month day-of-week)`
        : `invalid cron expression ${q(expression)}: bad ${field} ${q(value ?? '')}`,
      field === null
        ? `无效的 cron 表达式 ${q(expression)}：需要 5 个字段（分 时 日 月 星期）`
        : `无效的 cron 表达式 ${q(expression)}：${field} 字段的值 ${q(value ?? '')} 不正确`,
    ),
  intervalDivisor: (amount: number, unit: 'minutes' | 'hours', divides: number) =>
    both(
      'RC410',
      `every ${amount} ${unit} does not divide ${divides} evenly; pick one of ${unit === 'minutes' ? '1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30' : '1, 2, 3, 4, 6, 8, 12'}`,
      `every ${amount} ${unit} 不能整除 ${divides}；请从 ${unit === 'minutes' ? '1、2、3、4、5、6、10、12、15、20、30' : '1、2、3、4、6、8、12'} 中选择`,
    ),
  intervalUnit: (unit: string) =>
    both(
      'RC411',
      `"every N ${unit}" is not supported; use minutes or hours, or every day / every monday`,
      `不支持 "every N ${unit}"；请用 minutes 或 hours，或者 every day / every monday`,
    ),
  scheduleNeedsTime: (period: string) =>
    both('RC412', `every ${period} needs a time of day`, `every ${period} 需要指定时间`),
  scheduleTimeNotAllowed: (period: string) =>
    both('RC413', `every ${period} runs on a fixed beat and takes no time of day`, `every ${period} 按固定间隔运行，不能指定时间`),
  monthDay: (day: string) =>
    both('RC414', `day ${day} of the month must be a whole number from 1 to 28`, `每月第 ${day} 天必须是 1 到 28 之间的整数`),
  endsBeforeStarts: (starts: string, ends: string) =>
    both('RC415', `the campaign ends (${ends}) before it starts (${starts})`, `活动结束日期（${ends}）早于开始日期（${starts}）`),
  wholeNumber: (what: 'cap' | 'priority' | 'top' | 'interval', value: string, min: number, max: number) =>
    perLanguage('RC416', (lang) => {
      const names: Record<typeof what, Localized> = {
        cap: localized('the cap count', 'cap 次数'),
        priority: localized('the priority', 'priority'),
        top: localized('the number of offered items', '推荐商品数量'),
        interval: localized('the interval', '间隔'),
      };
      return lang === 'en'
        ? `${names[what].en} must be a whole number from ${min} to ${max}, not ${value}`
        : `${names[what]['zh-CN']}必须是 ${min} 到 ${max} 之间的整数，而不是 ${value}`;
    }),
  quietHoursEmpty: (time: string) =>
    both('RC417', `quiet hours start and end at the same time (${time})`, `免打扰时段的开始和结束时间相同（${time}）`),
  durationPositive: (text: string) =>
    both('RC418', `duration ${q(text)} must be longer than zero`, `时长 ${q(text)} 必须大于零`),
  variantsAndSendConflict: (campaign: string) =>
    both(
      'RC419',
      `campaign ${q(campaign)} has variants that name no template; add one to each variant or add send email "template"`,
      `活动 ${q(campaign)} 的版本没有指定模板；请为每个版本指定模板，或加上 send email "模板"`,
    ),

  // Warnings.
  noCap: (campaign: string) =>
    both(
      'RC501',
      `campaign ${q(campaign)} has no frequency cap, so a customer can receive it on every run`,
      `活动 ${q(campaign)} 没有频率上限，客户每次运行都可能收到`,
    ),
  alwaysFalse: (reason: Localized) =>
    perLanguage('RC502', (lang) =>
      lang === 'en' ? `this condition is always false: ${reason.en}` : `该条件永远为假：${reason['zh-CN']}`,
    ),
  unusedSegment: (name: string) =>
    both('RC503', `segment ${q(name)} is never used`, `segment ${q(name)} 没有被使用`),
  labelBeforeTraining: (label: string, model: string) =>
    both(
      'RC504',
      `model ${q(model)} is not trained yet, so label ${q(label)} names a cluster only after the first training`,
      `模型 ${q(model)} 尚未训练，标签 ${q(label)} 要在首次训练后才指向某个分群`,
    ),
  labelWithoutCluster: (label: string, model: string, problem: string) =>
    both(
      'RC505',
      `the active run of model ${q(model)} gives label ${q(label)} no cluster (${problem}), so campaigns that use it fail until a training gives it one`,
      `模型 ${q(model)} 的当前运行没有为标签 ${q(label)} 指定分群（${problem}），使用它的活动在训练为它指定分群之前都会失败`,
    ),
  unknownItemValue: (field: ListedItemField, value: string, effect: OutsideValueEffect) => {
    const effects: Record<OutsideValueEffect, Localized> = {
      never: localized('so this condition is never true', '所以该条件永远不成立'),
      always: localized(`so this condition is true for every item with a ${field}`, `所以该条件对每个有 ${field} 的商品都成立`),
      entry: localized('so this list entry matches no item', '所以该列表项匹配不到任何商品'),
    };
    return both(
      'RC506',
      `no item has ${field} ${q(value)}, ${effects[effect].en}`,
      `没有商品的 ${field} 是 ${q(value)}，${effects[effect]['zh-CN']}`,
    );
  },
  scoreOutsideRange: (model: string, low: number, high: number, effect: Exclude<OutsideValueEffect, 'entry'>) => {
    const range = `${formatNumber(low)} to ${formatNumber(high)}`;
    const percents = low >= 0 && high <= 1 ? ` (${formatNumber(low * 100)}% to ${formatNumber(high * 100)}%)` : '';
    const rangeZh = `${formatNumber(low)} 到 ${formatNumber(high)}`;
    const percentsZh = percents === '' ? '' : `（${formatNumber(low * 100)}% 到 ${formatNumber(high * 100)}%）`;
    return both(
      'RC507',
      `scores of model ${q(model)} are from ${range}${percents}, so this comparison is ${effect === 'never' ? 'never true' : 'true for every customer with a score'}`,
      `模型 ${q(model)} 的分数在 ${rangeZh} 之间${percentsZh}，所以该比较${effect === 'never' ? '永远不成立' : '对每个有分数的客户都成立'}`,
    );
  },
};

/** Writes a number without binary noise: 150 for 1.5 * 100, not 150.00000000000003. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/** Reasons quoted by the always-false warning. */
export const alwaysFalseReasons = {
  emptyRange: (subject: string): Localized =>
    localized(`no value of ${subject} satisfies all these bounds`, `${subject} 不可能同时满足这些范围`),
  emptyList: (): Localized => localized('the list is empty', '列表为空'),
  constant: (): Localized => localized('it evaluates to false for every customer', '对所有客户都为假'),
  emptyBetween: (): Localized => localized('the lower bound is above the upper bound', '下限大于上限'),
  negativeCount: (): Localized => localized('counts and day differences are never negative', '次数和天数差不会为负'),
  conflictingEquals: (subject: string): Localized =>
    localized(`${subject} cannot equal two different values`, `${subject} 不可能同时等于两个不同的值`),
};

/** Reasons a rules file or folder could not be read, quoted by `messages.cannotRead`. */
export const readReasons = {
  notFound: (): Localized => localized('no such file or folder', '文件或目录不存在'),
  notUtf8: (byteOffset: number): Localized =>
    localized(
      `not valid UTF-8 at byte ${byteOffset}; save the file as UTF-8 (rule files are read as UTF-8 only)`,
      `第 ${byteOffset} 字节（从 0 起数）处不是有效的 UTF-8；请把文件另存为 UTF-8 编码（规则文件只按 UTF-8 读取）`,
    ),
  permissionDenied: (): Localized =>
    localized(
      'permission denied; give the user that runs rulecast read access to it',
      '没有读取权限；请让运行 rulecast 的用户可以读取它',
    ),
  isFolder: (): Localized =>
    localized(
      'it is a folder now, not a file; rename the folder or put the rules file back',
      '它现在是一个目录而不是文件；请重命名该目录或放回规则文件',
    ),
  folderUnreadable: (folder: string, reason: Localized): Localized =>
    localized(`its folder ${folder} cannot be listed: ${reason.en}`, `无法列出它所在的目录 ${folder}：${reason['zh-CN']}`),
  notFileOrFolder: (): Localized => localized('not a file or folder', '既不是文件也不是目录'),
  other: (code: string): Localized => localized(`cannot read it (${code})`, `无法读取（${code}）`),
};
