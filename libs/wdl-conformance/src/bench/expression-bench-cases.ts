/**
 * The benchmark's workload: the kinds of expressions workflows are made of, each written once in WDL and once
 * as the equivalent n8n expression over the same data (the WDL trigger body is n8n's `$json`).
 */
export interface ExpressionBenchCase {
  readonly name: string;
  readonly wdl: string;
  readonly n8n: string;
}

export const BENCH_PAYLOAD = {
  customer: { name: 'Ada Lovelace', first: 'Ada', last: 'Lovelace', email: 'ada@example.com' },
  orderId: 'SO-1042',
  quantity: 3,
  price: 19.5,
  total: 58.5,
  createdAt: '2024-05-01T10:15:30Z',
  items: [
    { sku: 'A-1', qty: 1 },
    { sku: 'B-2', qty: 2 },
  ],
  tags: ['vip', 'eu'],
  status: 'pending',
};

export const BENCH_CASES: readonly ExpressionBenchCase[] = [
  { name: 'property access', wdl: "@triggerBody()?['customer']?['name']", n8n: '={{ $json.customer.name }}' },
  { name: 'array index', wdl: "@triggerBody()?['items'][1]?['sku']", n8n: '={{ $json.items[1].sku }}' },
  {
    name: 'interpolation',
    wdl: "Order @{triggerBody()?['orderId']} for @{triggerBody()?['customer']?['email']}",
    n8n: '=Order {{ $json.orderId }} for {{ $json.customer.email }}',
  },
  {
    name: 'concat + toUpper',
    wdl: "@concat(triggerBody()?['customer']?['first'], ' ', toUpper(triggerBody()?['customer']?['last']))",
    n8n: "={{ $json.customer.first + ' ' + $json.customer.last.toUpperCase() }}",
  },
  {
    name: 'arithmetic',
    wdl: "@add(mul(triggerBody()?['quantity'], triggerBody()?['price']), 4.99)",
    n8n: '={{ $json.quantity * $json.price + 4.99 }}',
  },
  {
    name: 'conditional',
    wdl: "@if(greater(triggerBody()?['total'], 50), 'priority', 'standard')",
    n8n: "={{ $json.total > 50 ? 'priority' : 'standard' }}",
  },
  {
    name: 'logical',
    wdl: "@and(equals(triggerBody()?['status'], 'pending'), contains(triggerBody()?['tags'], 'vip'))",
    n8n: "={{ $json.status === 'pending' && $json.tags.includes('vip') }}",
  },
  {
    name: 'date format',
    wdl: "@formatDateTime(triggerBody()?['createdAt'], 'yyyy-MM-dd HH:mm')",
    n8n: "={{ DateTime.fromISO($json.createdAt, { zone: 'utc' }).toFormat('yyyy-MM-dd HH:mm') }}",
  },
  {
    name: 'date arithmetic',
    wdl: "@addDays(triggerBody()?['createdAt'], 7, 'yyyy-MM-dd')",
    n8n: "={{ DateTime.fromISO($json.createdAt, { zone: 'utc' }).plus({ days: 7 }).toFormat('yyyy-MM-dd') }}",
  },
  { name: 'collection length', wdl: "@length(triggerBody()?['items'])", n8n: '={{ $json.items.length }}' },
  { name: 'join', wdl: "@join(triggerBody()?['tags'], ', ')", n8n: "={{ $json.tags.join(', ') }}" },
  { name: 'coalesce', wdl: "@coalesce(triggerBody()?['discount'], 0)", n8n: '={{ $json.discount ?? 0 }}' },
];
