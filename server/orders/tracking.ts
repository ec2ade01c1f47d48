/** Public tracking pages by carrier code, used when a shipment comes without a tracking_url. */
const CARRIERS: Record<string, (n: string) => string> = {
  ups: (n) => `https://www.ups.com/track?tracknum=${n}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  dhl: (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${n}`,
  dhlexpress: (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${n}`,
  royalmail: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  canadapost: (n) => `https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=${n}`,
  auspost: (n) => `https://auspost.com.au/mypost/track/#/details/${n}`,
  australiapost: (n) => `https://auspost.com.au/mypost/track/#/details/${n}`,
  dpd: (n) => `https://track.dpd.co.uk/parcels/${n}`,
};

/** Guesses the carrier from well-known number shapes when no carrier code was given. */
function guessCarrier(trackingNumber: string): string | undefined {
  if (/^1Z[0-9A-Z]{6,}$/i.test(trackingNumber)) return "ups";
  if (/^(94|93|92|95)\d{20}$/.test(trackingNumber)) return "usps";
  return undefined;
}

export function deriveTrackingUrl(carrierCode: string, trackingNumber: string): string {
  const number = trackingNumber.trim();
  if (!number || number.toLowerCase() === "n/a") return "";
  const key = carrierCode.toLowerCase().replace(/[^a-z]/g, "") || guessCarrier(number);
  const url = key ? CARRIERS[key] : undefined;
  return url ? url(encodeURIComponent(number)) : "";
}
