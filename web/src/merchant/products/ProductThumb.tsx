/** A product's main image (its thumbnail) in the merchant console, or a tile with the title's first character. */
export function ProductThumb({ title, imageUrl }: { title: string; imageUrl: string | null }) {
  if (imageUrl)
    return <img className="m-thumb" src={imageUrl} alt="" width={48} height={48} loading="lazy" />;
  const hue = [...title].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  return (
    <span className="m-thumb m-thumb-empty" aria-hidden="true" style={{ background: `hsl(${hue} 45% 55%)` }}>
      {[...title][0] ?? '·'}
    </span>
  );
}
