/** A realistic Order Desk-shaped order: two items, addresses, payment fields. */
export function sampleOrder(i: number, runTag: string) {
  return {
    source_name: "Bench",
    source_id: `${runTag}-${i}`,
    email: `buyer${i}@example.test`,
    shipping_method: "Ground",
    shipping_total: "4.95",
    tax_total: "1.20",
    payment_type: "Visa",
    payment_status: "Approved",
    shipping: { first_name: "Pat", last_name: `Buyer${i}`, address1: "1 Main St", city: "Springfield", state: "IL", postal_code: "62701", country: "US" },
    customer: { first_name: "Pat", last_name: `Buyer${i}`, address1: "1 Main St", city: "Springfield", state: "IL", postal_code: "62701", country: "US" },
    checkout_data: { "Gift Message": "Enjoy" },
    order_items: [
      { name: "T-shirt", code: `TS-${i % 300}`, price: "19.99", quantity: 2, weight: "0.3", category_code: "Apparel" },
      { name: "Mug", code: `MUG-${i % 50}`, price: "9.50", quantity: 1, weight: "0.5", category_code: "Home" },
    ],
  };
}
