package omnichannel.config.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words: pt-BR (the product's language) here, English in {@code messages/msg_en.properties}. Qute
 * checks at build time that every key a page uses exists and that the English file names no unknown key.
 */
@MessageBundle(value = "msg", locale = "pt-BR")
public interface ConsoleMessages {

    @Message("Interações Omnichannel")
    String appTitle();

    @Message("Interações")
    String navInteractions();

    @Message("Parâmetros 4biz")
    String navParameters();

    @Message("Mensagens com falha")
    String navDeadLetters();

    @Message("administrador")
    String roleAdmin();

    @Message("leitura")
    String roleViewer();

    @Message("Sair")
    String logout();

    @Message("Interações Omnichannel")
    String listTitle();

    @Message("Todos")
    String any();

    @Message("Sim")
    String yes();

    @Message("Não")
    String no();

    @Message("Mostrar excluídas")
    String showDeleted();

    @Message("Pesquisar")
    String search();

    @Message("Novo: WhatsApp Business (Twilio)")
    String newWhatsapp();

    @Message("Novo: X (Twitter) Direct Message")
    String newX();

    @Message("Número / conta")
    String account();

    @Message("Alterada em")
    String updatedAt();

    @Message("Ações")
    String actions();

    @Message("Restaurar")
    String restore();

    @Message("Auditoria")
    String audit();

    @Message("Editar")
    String edit();

    @Message("Ver")
    String view();

    @Message("Excluir")
    String delete();

    @Message("Nenhuma interação encontrada.")
    String noneFound();

    @Message("‹ Anterior")
    String previous();

    @Message("Próxima ›")
    String next();

    @Message("Interação")
    String general();

    @Message("Identificador")
    String fieldId();

    @Message("Gerado pelo sistema; não pode ser alterado.")
    String idHint();

    @Message("Canal de Interação")
    String fieldChannel();

    @Message("WhatsApp Business (Twilio)")
    String channelWhatsapp();

    @Message("X (Twitter) Direct Message")
    String channelX();

    @Message("Nome")
    String fieldName();

    @Message("Unidade default")
    String fieldUnit();

    @Message("Unidade do 4biz em que o solicitante é criado: aplicada só com o serviço de colaborador (opcional); sem ele, o 4biz usa a sua unidade padrão. As sugestões vêm do 4biz.")
    String unitHint();

    @Message("Grupo default")
    String fieldGroup();

    @Message("Grupo ao qual o solicitante é vinculado: aplicado só com o serviço de colaborador (opcional); sem ele, o grupo do parâmetro 45. O 4biz não documenta uma leitura de grupos: digite o ID.")
    String groupHint();

    @Message("Atividade default")
    String fieldActivity();

    @Message("Atividade dos tickets abertos por este canal, enviada em cada chamado. O 4biz não documenta uma leitura do catálogo: digite o ID.")
    String activityHint();

    @Message("Origem de Contato")
    String fieldOrigin();

    @Message("ID da origem de contato no 4biz (ex.: Whatsapp). O pedido do 4biz não tem campo documentado para a origem: o 4biz usa a sua configuração ORIGIN_ID.")
    String originHint();

    @Message("Interação com o Helper (o chatbot responde primeiro)")
    String fieldHelper();

    @Message("Ativa")
    String fieldActive();

    @Message("Conta Twilio")
    String twilioAccount();

    @Message("Número")
    String fieldNumber();

    @Message("Número do remetente no Twilio, em E.164 (ex.: +14155238886).")
    String numberHint();

    @Message("Identificador da Conta (Account SID)")
    String fieldAccountSid();

    @Message("Token de Autenticação")
    String fieldAuthToken();

    @Message("Token de Autenticação secundário (rotação)")
    String fieldSecondaryToken();

    @Message("Template (Content SID)")
    String fieldTemplate();

    @Message("Mensagens por segundo")
    String fieldRate();

    @Message("Assinatura dos webhooks")
    String fieldSignatureMode();

    @Message("Exigir (recusar inválidas)")
    String signatureEnforce();

    @Message("Só registrar (implantação)")
    String signatureLogOnly();

    @Message("Horas em \"só registrar\" (1 a 168)")
    String fieldLogOnlyHours();

    @Message("Conta X")
    String xAccount();

    @Message("Modelos por finalidade")
    String templates();

    @Message("Fora da janela de 24 horas do WhatsApp vai o modelo aprovado da finalidade; sem ele, o Template acima. "
            + "Veja os modelos da conta e a aprovação em /api/v1/interactions/<id>/whatsapp/templates.")
    String templatesHint();

    @Message("Confirmação de chamado")
    String purposeAcknowledgement();

    @Message("Resposta do atendente")
    String purposeAnswer();

    @Message("Chamado resolvido ou encerrado")
    String purposeNotice();

    @Message("Pesquisa de satisfação")
    String purposeCsat();

    @Message("Contato iniciado pelo atendente")
    String purposeContact();

    @Message("Content SID")
    String fieldContentSid();

    @Message("Variáveis")
    String fieldVariables();

    @Message("variável=campo separados por vírgula; campos: ticketNumber, ticketStatus, personName, answerExcerpt.")
    String variablesHint();

    @Message("Caracteres da resposta em answerExcerpt (padrão 100)")
    String fieldExcerptLength();

    @Message("Horário de atendimento")
    String businessHours();

    @Message("Vazio: atendimento a qualquer hora. Fora do horário, o chamado é aberto e a confirmação avisa que "
            + "a resposta virá no próximo horário de atendimento.")
    String businessHoursHint();

    @Message("Fuso horário")
    String fieldTimeZone();

    @Message("Ex.: America/Sao_Paulo")
    String timeZoneHint();

    @Message("Segunda")
    String monday();

    @Message("Terça")
    String tuesday();

    @Message("Quarta")
    String wednesday();

    @Message("Quinta")
    String thursday();

    @Message("Sexta")
    String friday();

    @Message("Sábado")
    String saturday();

    @Message("Domingo")
    String sunday();

    @Message("Intervalos HH:mm-HH:mm separados por vírgula (ex.: 08:00-12:00, 13:00-18:00); vazio: fechado.")
    String intervalsHint();

    @Message("Feriados")
    String fieldHolidays();

    @Message("Datas AAAA-MM-DD separadas por vírgula.")
    String holidaysHint();

    @Message("Texto fora do horário")
    String fieldOutOfHoursText();

    @Message("\\{ticket} é o número do chamado; vazio: o texto padrão.")
    String outOfHoursTextHint();

    @Message("Solicitante desconhecido")
    String requesterPolicy();

    @Message("Quem não está vinculado a um colaborador nem é encontrado no 4biz pelo telefone: criar um solicitante "
            + "para a pessoa (padrão) ou abrir o chamado em nome de um solicitante genérico, com o nome e o número da "
            + "pessoa como contato.")
    String requesterPolicyHint();

    @Message("Quando não encontrado")
    String fieldWhenUnknown();

    @Message("Criar solicitante")
    String whenUnknownCreate();

    @Message("Solicitante genérico")
    String whenUnknownGeneric();

    @Message("Login do solicitante genérico")
    String fieldGenericRequester();

    @Message("Anexos recebidos")
    String mediaPolicy();

    @Message("Vazio: o padrão do serviço (até 10 MB; imagens, áudios, vídeos, PDF, texto e documentos do Office). Um "
            + "arquivo fora da política não é anexado; o chamado recebe um acompanhamento dizendo o que chegou e por quê.")
    String mediaPolicyHint();

    @Message("Tamanho máximo (bytes)")
    String fieldMediaMaxBytes();

    @Message("Até 16777216 (16 MB); ex.: 10485760 = 10 MB.")
    String mediaMaxBytesHint();

    @Message("Tipos aceitos")
    String fieldMediaTypes();

    @Message("Tipos MIME separados por vírgula; image/* aceita toda imagem (ex.: image/*, audio/*, application/pdf).")
    String mediaTypesHint();

    @Message("API Key")
    String fieldApiKey();

    @Message("API Key Secret")
    String fieldApiSecret();

    @Message("Access Token")
    String fieldAccessToken();

    @Message("Access Token Secret")
    String fieldAccessSecret();

    @Message("ID do usuário da conta")
    String fieldUserId();

    @Message("Ambiente (Account Activity)")
    String fieldEnvironment();

    @Message("Recebimento")
    String fieldDeliveryMode();

    @Message("URL de retorno própria (opcional, https)")
    String fieldCallbackOverride();

    @Message("URL de retorno de chamada")
    String callback();

    @Message("URL de retorno de chamada")
    String fieldCallbackUrl();

    @Message("URL para o campo \"When a message comes in\" do Twilio")
    String fieldTwilioWebhookUrl();

    @Message("Inclui o pedido para o Twilio repetir webhooks que falharem.")
    String twilioWebhookHint();

    @Message("Copiar")
    String copy();

    @Message("Copiado")
    String copied();

    @Message("Substituir")
    String replace();

    @Message("Em branco mantém o valor guardado.")
    String replaceHint();

    @Message("Salvar")
    String save();

    @Message("Cancelar")
    String cancel();

    @Message("Testar conexão")
    String verify();

    @Message("Testar de novo")
    String verifyAgain();

    @Message("Conexão verificada: todas as etapas passaram.")
    String verifyOk();

    @Message("A verificação falhou em alguma etapa.")
    String verifyFailed();

    @Message("ok")
    String stepOk();

    @Message("falhou")
    String stepFailed();

    @Message("Outra pessoa alterou esta interação depois que você abriu a página; suas alterações não foram salvas.")
    String conflict();

    @Message("Recarregar a versão atual")
    String reload();

    @Message("A exclusão é lógica: a interação pode ser restaurada, e a URL de retorno deixa de responder.")
    String deleteIsLogical();

    @Message("Sim, excluir")
    String confirmDeleteButton();

    @Message("Quando")
    String when();

    @Message("Quem")
    String who();

    @Message("O quê")
    String what();

    @Message("Campos")
    String fields();

    @Message("A auditoria guarda os nomes dos campos alterados, nunca os valores.")
    String auditNoValues();

    @Message("Prontidão")
    String readiness();

    @Message("4biz: capacidades opcionais")
    String fourBizCapabilities();

    @Message("Operações que o 4biz não documenta publicamente. Cada uma fica desligada até ser configurada no ticket-bridge; sem elas, o caminho documentado é usado.")
    String fourBizCapabilitiesHint();

    @Message("configurada e em uso")
    String capabilityOn();

    @Message("não configurada (caminho documentado)")
    String capabilityOff();

    @Message("configurada, mas este 4biz não a tem: desligada")
    String capabilityAbsent();

    @Message("pronto")
    String ready();

    @Message("não está pronto:")
    String notReady();

    @Message("Parâmetro")
    String parameter();

    @Message("Recurso")
    String feature();

    @Message("Valor")
    String value();

    @Message("Problema")
    String problem();

    @Message("Mensagens que falharam depois de todas as tentativas. Reenviar põe a mensagem de volta na fila de origem, na ordem da conversa.")
    String deadLettersIntro();

    @Message("Falhou em")
    String failedAt();

    @Message("Origem")
    String source();

    @Message("Conversa")
    String conversation();

    @Message("Motivo")
    String reason();

    @Message("Reenviar")
    String replay();

    @Message("Descartar")
    String discard();

    @Message("Nenhuma mensagem com falha.")
    String noDeadLetters();

    @Message("Não encontrada")
    String notFound();

    @Message("Não foi possível")
    String refused();

    @Message("Página {page} de {pages} ({total} no total)")
    String pageOf(int page, int pages, long total);

    @Message("Excluir a interação \"{name}\"?")
    String confirmDelete(String name);

    @Message("{#when key}{#is 'created'}Interação criada.{#is 'saved'}Alterações salvas.{#is 'deleted'}Interação excluída (pode ser restaurada abaixo).{#is 'restored'}Interação restaurada.{#is 'replayed'}Mensagem reenviada.{#is 'discarded'}Mensagem descartada.{#is 'gone'}Essa mensagem já tinha sido tratada.{#is 'webhook-registration'}Webhook registrado de novo.{#is 'webhook-crc'}O X refez o CRC.{#is 'webhook-failed'}O channel-twitter não conseguiu: veja o estado abaixo.{#is 'x-connected'}Conta do X conectada.{#else}{/when}")
    String notice(String key);

    @Message("Webhook do X")
    String xWebhook();

    @Message("ID do webhook")
    String xWebhookId();

    @Message("Válido (CRC aprovado)")
    String xWebhookValid();

    @Message("Conta inscrita")
    String xWebhookSubscribed();

    @Message("Último erro")
    String xWebhookLastError();

    @Message("Registrar de novo")
    String xRegister();

    @Message("X Activity API (OAuth 2.0)")
    String modeActivityApi();

    @Message("Account Activity API (legado, OAuth 1.0a)")
    String modeAccountActivity();

    @Message("Client ID OAuth 2.0")
    String fieldClientId();

    @Message("Client Secret OAuth 2.0")
    String fieldClientSecret();

    @Message("Do app no portal de desenvolvedores do X (Keys and tokens); obrigatório no modo X Activity API. O Client Secret só existe para apps confidenciais (Web App, Automated App ou bot).")
    String clientIdHint();

    @Message("Conexão da conta do X (OAuth 2.0)")
    String xConnection();

    @Message("Estado")
    String xConnectionStatus();

    @Message("Escopos")
    String xConnectionScope();

    @Message("Conectar conta do X")
    String xConnect();

    @Message("Mover para a X Activity API (conectar conta do X)")
    String xMove();

    @Message("Refazer o CRC")
    String xCrc();

    @Message("Saúde")
    String health();

    @Message("Última mensagem recebida")
    String lastMessageIn();

    @Message("Mensagens nas últimas 24 h")
    String messagesLast24h();

    @Message("Última resposta enviada ao canal")
    String lastAnswerSent();

    @Message("Falhas de entrega nas últimas 24 h")
    String deliveryFailures();

    @Message("Mensagens com falha pendentes")
    String pendingDeadLetters();

    @Message("nunca")
    String never();

    @Message("Webhooks com assinatura inválida nas últimas 24 h")
    String signatureFailures();

    @Message("a última em {time}")
    String lastAt(String time);
}
