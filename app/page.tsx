import { NewChat } from "@/components/chat/new-chat";

export default function Home() {
  return <NewChat />;
}
