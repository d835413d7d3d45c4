import { toast } from "sonner";

export function Checkout({ card }: Props) {
  const onError = () => toast.error("You failed to enter a valid card number.");
  console.log("Rendering the checkout form now.");
  return (
    <form className="mt-4 flex flex-col" onSubmit={pay}>
      <h1 title={card ? "Pay now" : "Add a card"}>Checkout</h1>
      <input placeholder="Card number" name="card" />
      {error && <p role="alert">{t("checkout.error", "Payment is received.")}</p>}
    </form>
  );
}
